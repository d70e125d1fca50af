#include "rocfault_scan.h"
