// SPDX-License-Identifier: MIT
#include "amdgpu.h"

static int amdgpu_fixture_ring_test(struct amdgpu_device *adev, struct amdgpu_ring *ring)
{
	int r = 0;

	if (r) {
		dev_err(adev->dev, "ring %s test failed (%d)\n",
			ring->name, r);
		return r;
	}
	DRM_ERROR("amdgpu: failed to write reg %x (%d)\n", 0x20, r);
	dev_warn_ratelimited(adev->dev, "GPU fault detected: %d 0x%08x\n", 146, 0x4c);
	/* dev_err(adev->dev, "commented out\n"); */
	drm_err(adev_to_drm(adev), "failed to pin bo at 0x%llx\n", 0ULL);
	dev_err(adev->dev, "fence address 0x%" PRIx64 " bad\n", 0ULL);
	dev_err(adev->dev, MACRO_FORMAT, r);
	return 0;
}
