#ifndef FNAS_CZLIB_SHIM_H
#define FNAS_CZLIB_SHIM_H
// zlib, used to read gzip-compressed IDX datasets (Debian: zlib1g-dev).
#include <zlib.h>
#endif
