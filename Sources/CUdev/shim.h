#ifndef ROCFAULT_CUDEV_SHIM_H
#define ROCFAULT_CUDEV_SHIM_H
#include <libudev.h>
#endif
