#ifndef FNAS_CFFTW_SHIM_H
#define FNAS_CFFTW_SHIM_H
// FFTW 3, single precision (libfftw3f): the trainer's spectral convolution for large kernels.
#include <fftw3.h>
#endif
