#!/usr/bin/env python3
"""Writes the machine trees `rocfault doctor --root` reads in tests, laid out like the real files:
sysfs with class/drm links into the PCI device, the KFD topology, debugfs amdgpu_firmware_info
(amdgpu_debugfs_firmware_info_show's format), /proc, /etc, /opt, /var/lib/dpkg/status, /lib/firmware.
Run from this directory: ./make-fixtures.py (it replaces the four trees)."""
import os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))

def write(root, rel, text, mode=0o644):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)
    os.chmod(path, mode)

def link(root, rel, target):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    os.symlink(target, path)

def firmware_info(mes, mes_kiq, mec, smc, sdma, vbios, sdma_count=1):
    smc_text = "0x%08x (%d.%d.%d)" % (smc, (smc >> 16) & 0xff, (smc >> 8) & 0xff, smc & 0xff)
    lines = [
        "VCE feature version: 0, firmware version: 0x00000000",
        "UVD feature version: 0, firmware version: 0x00000000",
        "MC feature version: 0, firmware version: 0x00000000",
        "ME feature version: 35, firmware version: 0x00000a5e",
        "PFP feature version: 35, firmware version: 0x00000a6b",
        "CE feature version: 0, firmware version: 0x00000000",
        "RLC feature version: 1, firmware version: 0x11530505",
        "RLC SRLC feature version: 0, firmware version: 0x00000000",
        "RLC SRLG feature version: 0, firmware version: 0x00000000",
        "RLC SRLS feature version: 0, firmware version: 0x00000000",
        "RLCP feature version: 0, firmware version: 0x00000000",
        "RLCV feature version: 0, firmware version: 0x00000000",
        "MEC feature version: 35, firmware version: 0x%08x" % mec,
        "IMU feature version: 0, firmware version: 0x0b352300",
        "SOS feature version: 0, firmware version: 0x00000000",
        "ASD feature version: 553648366, firmware version: 0x210000ee",
        "TA XGMI feature version: 0x00000000, firmware version: 0x00000000",
        "TA RAS feature version: 0x00000000, firmware version: 0x00000000",
        "TA HDCP feature version: 0x00000000, firmware version: 0x17000044",
        "TA DTM feature version: 0x00000000, firmware version: 0x12000018",
        "TA RAP feature version: 0x00000000, firmware version: 0x00000000",
        "TA SECUREDISPLAY feature version: 0x00000000, firmware version: 0x00000000",
        "SMC feature version: 0, program: 0, firmware version: " + smc_text,
    ]
    lines += ["SDMA%d feature version: 60, firmware version: 0x%08x" % (i, sdma) for i in range(sdma_count)]
    lines += [
        "VCN feature version: 0, firmware version: 0x0911e008",
        "DMCU feature version: 0, firmware version: 0x00000000",
        "DMCUB feature version: 0, firmware version: 0x09002d00",
        "TOC feature version: 0, firmware version: 0x0000000b",
        "MES_KIQ feature version: 6, firmware version: 0x%08x" % mes_kiq,
        "MES feature version: 1, firmware version: 0x%08x" % mes,
        "VPE feature version: 0, firmware version: 0x00000000",
        "VBIOS version: " + vbios,
    ]
    return "\n".join(lines) + "\n"

def gpu(root, card, render, slot, bridge, device_id, gfx_version, node, gpu_id, vram, gtt, vbios, fw, simd, debugfs=None):
    device = "sys/devices/pci0000:00/%s/%s" % (bridge, slot)
    write(root, device + "/vendor", "0x1002\n")
    write(root, device + "/device", "0x%04x\n" % device_id)
    write(root, device + "/subsystem_vendor", "0x1002\n")
    write(root, device + "/subsystem_device", "0x0001\n")
    write(root, device + "/revision", "0xc1\n")
    write(root, device + "/class", "0x030000\n")
    write(root, device + "/uevent", "DRIVER=amdgpu\nPCI_CLASS=30000\nPCI_ID=1002:%04X\nPCI_SLOT_NAME=%s\n" % (device_id, slot))
    os.makedirs(os.path.join(root, "sys/bus/pci/drivers/amdgpu"), exist_ok=True)
    link(root, device + "/driver", "../../../../bus/pci/drivers/amdgpu")
    write(root, device + "/mem_info_vram_total", "%d\n" % vram)
    write(root, device + "/mem_info_gtt_total", "%d\n" % gtt)
    write(root, device + "/vbios_version", vbios + "\n")
    for name, value in fw.items():
        write(root, device + "/fw_version/%s_fw_version" % name, "0x%08x\n" % value)
    for name, minor in ((card, int(card[4:])), (render, int(render[7:]))):
        path = device + "/drm/" + name
        write(root, path + "/dev", "226:%d\n" % minor)
        write(root, path + "/uevent", "MAJOR=226\nMINOR=%d\nDEVNAME=dri/%s\nDEVTYPE=drm_minor\n" % (minor, name))
        link(root, path + "/device", "../../../" + slot)
        link(root, "sys/class/drm/" + name, "../../" + path[4:])
    bus = int(slot.split(":")[1], 16)
    dev, fn = slot.split(":")[2].split(".")
    location = bus << 8 | int(dev, 16) << 3 | int(fn)
    properties = [
        "cpu_cores_count 0", "simd_count %d" % simd, "mem_banks_count 1", "caches_count 206", "io_links_count 1",
        "p2p_links_count 0", "cpu_core_id_base 0", "simd_id_base 2147487744", "max_waves_per_simd 16",
        "lds_size_in_kb 64", "gds_size_in_kb 0", "num_gws 64", "wave_front_size 32", "array_count 4",
        "simd_arrays_per_engine 2", "cu_per_simd_array 10", "simd_per_cu 2", "max_slots_scratch_cu 32",
        "gfx_target_version %d" % gfx_version, "vendor_id 4098", "device_id %d" % device_id,
        "location_id %d" % location, "domain 0", "drm_render_minor %d" % int(render[7:]), "hive_id 0",
        "num_sdma_engines 1", "num_sdma_xgmi_engines 0", "num_sdma_queues_per_engine 8", "num_cp_queues 8",
        "max_engine_clk_fcompute 2900", "local_mem_size 0", "fw_version 35", "capability 1253049984",
        "capability2 0", "debug_prop 1495", "sdma_fw_version 14", "unique_id 0", "num_xcc 1",
        "max_engine_clk_ccompute 5187",
    ]
    nodes = "sys/devices/virtual/kfd/kfd/topology/nodes/%d" % node
    write(root, nodes + "/properties", "\n".join(properties) + "\n")
    write(root, nodes + "/gpu_id", "%d\n" % gpu_id)
    write(root, nodes + "/name", "gfx%d%x%x\n" % (gfx_version // 10000, gfx_version // 100 % 100, gfx_version % 100))
    if debugfs is not None:
        write(root, "sys/kernel/debug/dri/%d/amdgpu_firmware_info" % int(card[4:]), debugfs)

def common(root, release, cmdline, pretty, uid, groups, environ, pid=4242):
    write(root, "proc/sys/kernel/osrelease", release + "\n")
    write(root, "proc/cmdline", cmdline + "\n")
    write(root, "etc/os-release", 'PRETTY_NAME="%s"\nNAME="%s"\n' % (pretty, pretty.split()[0]))
    status = "Name:\tpython3\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t%d\nPid:\t%d\nPPid:\t1\n" % (pid, pid)
    status += "Uid:\t%d\t%d\t%d\t%d\nGid:\t%d\t%d\t%d\t%d\nFDSize:\t256\nGroups:\t%s\n" % (
        (uid,) * 4 + (groups[0],) * 4 + (" ".join(map(str, groups)) + " ",))
    write(root, "proc/%d/status" % pid, status)
    write(root, "proc/self/status", status)
    with open(os.path.join(root, "proc/%d/environ" % pid), "wb") as f:
        f.write(b"".join(e.encode() + b"\0" for e in environ))
    # A loaded module has these files; git keeps no empty directory, so the tree needs one.
    write(root, "sys/module/amdgpu/initstate", "live\n")
    write(root, "sys/module/amdgpu/refcnt", "0\n")
    cpu = ["cpu_cores_count 32", "simd_count 0", "mem_banks_count 1", "gfx_target_version 0", "vendor_id 0",
           "device_id 0", "location_id 0", "domain 0", "drm_render_minor 0", "max_engine_clk_ccompute 5187"]
    write(root, "sys/devices/virtual/kfd/kfd/topology/nodes/0/properties", "\n".join(cpu) + "\n")
    write(root, "sys/devices/virtual/kfd/kfd/topology/nodes/0/gpu_id", "0\n")
    write(root, "sys/devices/virtual/kfd/kfd/topology/nodes/0/name", "\n")
    link(root, "sys/class/kfd/kfd", "../../devices/virtual/kfd/kfd")

def dpkg(root, packages):
    stanzas = ["Package: %s\nStatus: install ok installed\nArchitecture: amd64\nVersion: %s\n" % p for p in packages]
    write(root, "var/lib/dpkg/status", "\n".join(stanzas))

def strix_halo(root):
    common(root, "6.14.0-1017-oem",
           "BOOT_IMAGE=/boot/vmlinuz-6.14.0-1017-oem root=UUID=0b1c ro quiet splash amdgpu.gttsize=131072 ttm.pages_limit=33554432 amd_iommu=pt",
           "Ubuntu 24.04.3 LTS", 1234, [1234, 44], ["HOME=/home/ana", "HSA_OVERRIDE_GFX_VERSION=11.0.0", "HIP_VISIBLE_DEVICES=0", "HF_TOKEN=hf_secret"])
    gpu(root, "card1", "renderD128", "0000:c5:00.0", "0000:00:08.1", 0x1586, 110501, 1, 43690,
        536870912, 137438953472, "113-STRXLGEN-001", {"mes": 0x83, "mes_kiq": 0x6c, "mec": 0x23, "smc": 0x00646e00, "sdma": 0x0e},
        40, debugfs=firmware_info(0x83, 0x6c, 0x23, 0x00646e00, 0x0e, "113-STRXLGEN-001"))
    write(root, "opt/rocm-6.4.1/.info/version", "6.4.1-120\n")
    link(root, "opt/rocm", "rocm-6.4.1")
    write(root, "etc/apt/sources.list.d/rocm.list", "deb [arch=amd64 signed-by=/etc/apt/keyrings/rocm.gpg] https://repo.radeon.com/rocm/apt/6.4.1 noble main\n")
    write(root, "lib/firmware/updates/amdgpu/gc_11_5_1_mes_2.bin", "leftover from amdgpu-dkms-firmware\n")
    dpkg(root, [("rocm-core", "6.4.1.60401-120~24.04"), ("hip-runtime-amd", "6.4.43483.60401-120~24.04"),
                ("linux-firmware", "20240318.git3b128b60-0ubuntu2.17"), ("mesa-vulkan-drivers", "25.0.7-0ubuntu0.24.04.2")])
    write(root, "usr/share/vulkan/icd.d/radeon_icd.x86_64.json", '{"ICD": {"api_version": "1.4.305", "library_path": "libvulkan_radeon.so"}, "file_format_version": "1.0.1"}\n')
    write(root, "dev/kfd", "")
    write(root, "dev/dri/renderD128", "")

def mi300x(root):
    common(root, "5.15.0-131-generic", "BOOT_IMAGE=/vmlinuz-5.15.0-131-generic root=/dev/md0 ro iommu=pt ttm.pages_limit=100663296 pci=realloc=off",
           "Ubuntu 22.04.5 LTS", 0, [0], ["HSA_OVERRIDE_GFX_VERSION=9.4.2", "HIP_VISIBLE_DEVICES=0,1", "PATH=/usr/bin"])
    write(root, "sys/module/amdgpu/version", "6.12.12\n")
    for index, (slot, bridge) in enumerate((("0000:05:00.0", "0000:00:01.1"), ("0000:25:00.0", "0000:00:03.1"))):
        gpu(root, "card%d" % (index + 1), "renderD%d" % (128 + index), slot, bridge, 0x74a1, 90402, index + 1, 2000 + index,
            206141652992, 1623928688640, "113-M3000100-102", {"mes": 0, "mec": 0x9b, "smc": 0x00556800, "sdma": 0x13}, 1216)
    for tree in ("rocm-6.3.3", "rocm-6.4.1"):
        write(root, "opt/%s/.info/version" % tree, tree[5:] + "-xx\n".replace("xx", "120"))
    link(root, "opt/rocm", "rocm-6.4.1")
    write(root, "opt/rocm-6.4.1/lib/cmake/hip/hip-config-version.cmake", 'set(PACKAGE_VERSION "6.4.43483")\n')
    write(root, "etc/apt/sources.list.d/rocm.list", "deb [arch=amd64] https://repo.radeon.com/rocm/apt/6.4.1 jammy main\n")
    write(root, "etc/apt/sources.list.d/amdgpu.list", "deb [arch=amd64] https://repo.radeon.com/amdgpu/6.4.1/ubuntu jammy main\n")
    os.makedirs(os.path.join(root, "lib/modules/5.15.0-131-generic/updates/dkms"), exist_ok=True)
    write(root, "lib/modules/5.15.0-131-generic/updates/dkms/amdgpu.ko.zst", "")
    dpkg(root, [("rocm-core", "6.4.1.60401-120~22.04"), ("amdgpu-dkms", "1:6.12.12.60401-2164967.22.04"),
                ("amdgpu-dkms-firmware", "1:6.12.12.60401-2164967.22.04")])
    link(root, "dev/kfd", "/dev/null")
    link(root, "dev/dri/renderD128", "/dev/null")

def rdna3(root):
    common(root, "7.0.0-28-generic", "BOOT_IMAGE=/boot/vmlinuz-7.0.0-28-generic root=UUID=9f2e ro quiet splash amd_iommu=off",
           "Ubuntu 26.04 LTS", 1000, [1000, 44, 992],
           ["HSA_OVERRIDE_GFX_VERSION=10.3.0", "VIRTUAL_ENV=/home/kim/venv", "GGML_VK_VISIBLE_DEVICES=0"])
    gpu(root, "card0", "renderD128", "0000:03:00.0", "0000:00:01.1", 0x744c, 110000, 1, 51966,
        25753026560, 33485877248, "113-D7020100-102", {"mes": 0x7a, "mes_kiq": 0x6c, "mec": 0x22e, "smc": 0x004e7300, "sdma": 0x18},
        96, debugfs=firmware_info(0x7a, 0x6c, 0x22e, 0x004e7300, 0x18, "113-D7020100-102", sdma_count=2))
    site = "home/kim/venv/lib/python3.12/site-packages"
    write(root, site + "/_rocm_sdk_core/__init__.py", "")
    write(root, site + "/rocm_sdk_core-7.10.0.dist-info/METADATA", "Name: rocm-sdk-core\nVersion: 7.10.0\n")
    write(root, site + "/torch/lib/libamdhip64.so", "")
    dpkg(root, [("mesa-vulkan-drivers", "25.2.3-1ubuntu1"), ("linux-firmware", "20251009.git2b6cd25c-0ubuntu1")])
    write(root, "usr/share/vulkan/icd.d/radeon_icd.json", '{"ICD": {"api_version": "1.4.318", "library_path": "libvulkan_radeon.so"}, "file_format_version": "1.0.1"}\n')
    link(root, "dev/kfd", "/dev/null")
    link(root, "dev/dri/renderD128", "/dev/null")

def clean(root):
    common(root, "6.18.2-200.fc43.x86_64", "BOOT_IMAGE=(hd0,gpt2)/vmlinuz-6.18.2-200.fc43.x86_64 root=UUID=77aa ro rhgb quiet iommu=pt",
           "Fedora Linux 43 (Workstation Edition)", 1000, [1000, 39, 105], ["LANG=C.UTF-8"])
    gpu(root, "card1", "renderD128", "0000:03:00.0", "0000:00:01.1", 0x7550, 120001, 1, 12345,
        17163091968, 33485877248, "113-EXT94573-100", {"mes": 0x84, "mes_kiq": 0x6e, "mec": 0xa3, "smc": 0x00683200, "sdma": 0x1a},
        128, debugfs=firmware_info(0x84, 0x6e, 0xa3, 0x00683200, 0x1a, "113-EXT94573-100", sdma_count=2))
    write(root, "opt/rocm-7.2.0/.info/version", "7.2.0-43\n")
    link(root, "opt/rocm", "rocm-7.2.0")
    write(root, "etc/yum.repos.d/rocm.repo", "[rocm]\nname=ROCm 7.2.0\nbaseurl=https://repo.radeon.com/rocm/el9/7.2/main\nenabled=1\n")
    write(root, "usr/share/vulkan/icd.d/radeon_icd.x86_64.json", '{"ICD": {"api_version": "1.4.318", "library_path": "/usr/lib64/libvulkan_radeon.so"}, "file_format_version": "1.0.1"}\n')
    link(root, "dev/kfd", "/dev/null")
    link(root, "dev/dri/renderD128", "/dev/null")

for name, build in (("strix-halo", strix_halo), ("mi300x", mi300x), ("rdna3-desktop", rdna3), ("clean", clean)):
    root = os.path.join(HERE, name)
    shutil.rmtree(root, ignore_errors=True)
    build(root)
