/* gloss-anchor.c: placeholder until written */
#include "gloss-core.h"
