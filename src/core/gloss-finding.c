/* gloss-finding.c: placeholder until written */
#include "gloss-core.h"
