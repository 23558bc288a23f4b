/* gloss-annotation.c: placeholder until written */
#include "gloss-core.h"
