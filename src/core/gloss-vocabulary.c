/* gloss-vocabulary.c: placeholder until written */
#include "gloss-core.h"
