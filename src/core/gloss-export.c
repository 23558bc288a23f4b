/* gloss-export.c: placeholder until written */
#include "gloss-core.h"
