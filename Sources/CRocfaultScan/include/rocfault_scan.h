#ifndef ROCFAULT_SCAN_H
#define ROCFAULT_SCAN_H
#include <stddef.h>
#include <stdint.h>
#endif
