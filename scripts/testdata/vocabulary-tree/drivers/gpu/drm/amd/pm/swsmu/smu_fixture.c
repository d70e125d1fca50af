// SPDX-License-Identifier: MIT
#undef pr_fmt
#define pr_fmt(fmt) "smu: " fmt
#undef dev_fmt

static int smu_fixture_send(struct smu_context *smu)
{
	dev_err_once(smu->adev->dev, "SMU: No response msg_reg: %d resp_reg: %d\n", 6, 0);
	DRM_WARN("smu version mismatch %s\n", "x");
	return 0;
}
