// SPDX-License-Identifier: MIT
#define PP_ASSERT_WITH_CODE(cond, msg, code)	\
	do {					\
		if (!(cond)) {			\
			pr_warn_ratelimited("%s\n", msg);	\
			code;			\
		}				\
	} while (0)

static int pp_fixture_setup_asic(struct pp_hwmgr *hwmgr)
{
	int result = 0;

	PP_ASSERT_WITH_CODE(!result, "Failed to initialize DPM defaults!", return result);
	if (result)
		pr_err("%s failed\n", __func__);
	return result;
}
