/* gloss-document.c: placeholder until written */
#include "gloss-core.h"
