#ifndef FNAS_CMALLOC_SHIM_H
#define FNAS_CMALLOC_SHIM_H
// glibc's malloc tuning (mallopt) and statistics (mallinfo2), which Swift's Glibc module
// leaves out; the trainer keeps its activations' memory between steps with them.
#include <malloc.h>
#endif
