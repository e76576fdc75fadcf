#ifndef FNAS_CBLAS_SHIM_H
#define FNAS_CBLAS_SHIM_H
// OpenBLAS's CBLAS interface (Debian: libopenblas-dev puts cblas.h on the include path
// through the alternatives system) plus its thread-count controls.
#include <cblas.h>
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
#endif
