/* gloss-analysis.c: placeholder until written */
#include "gloss-core.h"
