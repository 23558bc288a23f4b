/* gloss-import.c: placeholder until written */
#include "gloss-core.h"
