#ifndef ROCFAULT_CZLIB_SHIM_H
#define ROCFAULT_CZLIB_SHIM_H
#include <zlib.h>
#endif
