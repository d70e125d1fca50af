// SPDX-License-Identifier: MIT
#include "kfd_priv.h"

int kfd_fixture_create_queue(void)
{
	pr_err("Failed to pin bo. ret %d\n", -1);
	pr_warn_once("Unknown queue type %s\n", "x");
	pr_debug("not a warning %d\n", 1);
	return 0;
}
