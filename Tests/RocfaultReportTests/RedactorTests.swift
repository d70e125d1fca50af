import Foundation
import Testing

@testable import RocfaultReport

@Suite struct RedactorTests {
    let redactor = Redactor(
        identity: RedactionIdentity(
            userNames: ["bob", "alice-test"],
            realNames: ["Bob Example"],
            hostNames: ["strixbox", "strixbox.lan"],
            machineIDs: ["3d1219c7c4c5404aaa1f6d2a48adfda4"],
            secretValues: ["hunter2-value"]
        )
    )

    @Test func removesNamesPathsAddressesAndSecrets() {
        let text = """
            bob@strixbox:/home/bob/ComfyUI$ python main.py --listen 192.168.1.23
            Oct 07 12:58:23 strixbox.lan python3[4242]: fe80::1ff:fe23:4567:890a and 2001:db8:0:0:1:0:0:1 via 3c:7c:3f:aa:bb:cc
            machine 3D1219C7C4C5404AAA1F6D2A48ADFDA4 HF_TOKEN=hf_abcdefgh password: hunter2-value url https://bob:pw@example.org/x
            Authorization: Bearer abcdefghijklmnop
            """
        let result = redactor.redact(text)
        for leaked in [
            "bob", "strixbox", "192.168.1.23", "fe80::", "2001:db8", "3c:7c:3f", "3D1219C7", "hf_abcdefgh",
            "hunter2", ":pw@", "abcdefghijklmnop",
        ] {
            #expect(!result.contains(leaked), "\(leaked) survived: \(result)")
        }
        #expect(result.contains("USER@HOST:/home/USER/ComfyUI$"))
        #expect(result.contains("HOST.lan") || result.contains("HOST"))
        #expect(
            result.contains("IPV4") && result.contains("IPV6") && result.contains("MAC")
                && result.contains("MACHINE-ID")
        )
    }

    @Test func keepsWhatDiagnosisNeeds() {
        let lines = [
            "amdgpu 0000:c3:00.0: amdgpu: [gfxhub] page fault (src_id:0 ring:24 vmid:8 pasid:32770)",
            "amdgpu:   in page starting at address 0x00007f1c2a400000 from client 10",
            "[ 1234.567890] amdgpu: VM_L2_PROTECTION_FAULT_STATUS:0x00800932",
            "rocm 6.4.1, hip 6.4.43482, kernel 6.17.0-rc1, Mon Nov 24 10:00:05 2026",
            "hip::abort in /opt/rocm/lib/libamdhip64.so; bobcat tool; bob_x",
            "Memory critical error by agent node-0 (Agent handle: 0x55d) on address 0x7f09. Reason: Memory in use.",
        ]
        for line in lines { #expect(redactor.redact(line) == line) }
    }

    /// Secrets with no secret-sounding key in front of them, and mail addresses.
    static let planted = [
        "aws=Zq8rT2vLm9XwP4kB7nYc1HdJ5sFg3QeA6uRt0VbN",
        "openai=sk-proj-Q7fZ2kLm9XwP4kB7nYc1HdJ5sFg3QeA6uRt0VbNa",
        "fetching with hf_Vb7QeA6uRt0VbNZq8rT2vLm9XwP4kB7nYc1 now",
        "mail alice.example@example.org or ops+gpu@lab.example.co.uk",
        "ghp_Zq8rT2vLm9XwP4kB7nYc1HdJ5sFg3QeA6uRt gho_Zq8rT2vLm9XwP4kB7nYc1HdJ5sFg3QeA6uRt",
        "github_pat_11AZq8rT2vLm9XwP4kB7nYc1_HdJ5sFg3QeA6uRt0VbNZq8rT2vLm9XwP4",
        "glpat-Zq8rT2vLm9XwP4kB7nYc xoxb-1234567890-Zq8rT2vLm9XwP4",
        "keys AKIAZQ8RT2VLM9XWP4KB then Zq8rT2vLm9XwP4kB7nYc1HdJ5sFg3QeA6uRt0VbN, ASIAZQ8RT2VLM9XWP4KC",
        "maps AIzaSyZq8rT2vLm9XwP4kB7nYc1HdJ5sFg3QeA6",
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "wlan0: SME: Trying to authenticate with 3c:7c:3f:aa:bb:cd (SSID='HomeNet 5G' freq=5180 MHz)",
        "<info> device (wlp2s0): Activation: (wifi) access point 'CafeGuest' has security, but secrets are required.",
        "git clone https://alice:pl41nPw@git.example.org/repo.git",
        "COMMAND=/usr/bin/mysql -u root -pS3cret -e status",
        "written by Bob Example",
    ]

    @Test func removesSecretsAndAddressesByTheirShape() {
        let leaks = [
            "Zq8rT2vLm9XwP4kB7nYc", "Q7fZ2kLm9XwP4kB7", "Vb7QeA6uRt0VbN", "alice.example", "ops+gpu", "AKIAZQ8",
            "ASIAZQ8", "HomeNet", "CafeGuest", "pl41nPw", "S3cret", "eyJhbGciOiJIUzI1NiJ9", "dozjgNryP4J3",
            "Bob Example",
        ]
        for line in Self.planted {
            let result = redactor.redact(line)
            for leak in leaks { #expect(!result.contains(leak), "\(leak) survived: \(result)") }
        }
        #expect(redactor.redact(Self.planted[3]) == "mail EMAIL or EMAIL")
        #expect(redactor.redact(Self.planted[10]).contains("(SSID='WIFI' freq=5180 MHz)"))
        #expect(redactor.redact(Self.planted[13]) == "COMMAND=/usr/bin/mysql -u root -p[REDACTED] -e status")
        #expect(redactor.redact(Self.planted[14]) == "written by NAME")
    }

    @Test func countsWhatItRemovedByKind() {
        var tally = RedactionTally()
        let text = "a@example.org b@example.org a@example.org hf_Vb7QeA6uRt0VbNZq8rT2vLm9XwP4kB7nYc1 password=hunter22"
        _ = redactor.redact(text, tally: &tally)
        #expect(tally.summary == "1 API token, 1 password, 2 email addresses")
        #expect(RedactionTally().summary == "nothing")
        var all = RedactionTally()
        for line in Self.planted { _ = redactor.redact(line, tally: &all) }
        #expect(all.count(of: .apiToken) >= 9)
        #expect(all.count(of: .wifiNetwork) == 2)
        #expect(all.count(of: .realName) == 1)
    }

    @Test func keepsGPUDiagnosisValuesThatLookLikeSecrets() {
        let lines = [
            "amdgpu 0000:c3:00.0: amdgpu: SMU firmware version: 0x00641600 (100.22.0), VBIOS 113-STRXLGEN-001",
            "amdgpu: MES fw version: 0x00000080 feature 0x0000000f; boot_id: 6f1c2a9e-4b7d-4c1e-9a3b-2d5e8f7a1c0b",
            "Command line: BOOT_IMAGE=/boot/vmlinuz-6.17.0-rc1 root=UUID=6f1c2a9e-4b7d-4c1e-9a3b-2d5e8f7a1c0b ro",
            "_BOOT_ID=6f1c2a9e4b7d4c1e9a3b2d5e8f7a1c0b gfx_target_version: gfx1151 HSA_OVERRIDE_GFX_VERSION=11.5.1",
            "model=Qwen2.5-Coder-32B-Instruct-Q4_K_M.gguf ROCR_VISIBLE_DEVICES=GPU-1a2b3c4d5e6f7a8b",
            "library=/opt/rocm-6.4.1/lib/libhsa-runtime64.so.1.15.60401 build-id: 4f3e2d1c0b9a88776655443322110ffeeddccbba",
            "checkpoint: sd_xl_base_1.0_0.9vae.safetensors, sampler: dpmpp_2m_sde_gpu, steps: 30",
        ]
        for line in lines { #expect(redactor.redact(line) == line) }
    }

    @Test func realNamesComeFromGECOSOfPeople() throws {
        let passwd = """
            root:x:0:0:root:/root:/bin/bash
            bob:x:1000:1000:Bob Example,,,:/home/bob:/bin/bash
            ubuntu:x:1001:1001:Ubuntu:/home/ubuntu:/bin/bash
            daemon:x:2:2:Daemon Account:/:/usr/sbin/nologin
            """
        #expect(RedactionIdentity.realNames(passwd: passwd) == ["Bob Example"])
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("redaction-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("etc"),
            withIntermediateDirectories: true
        )
        defer { try? FileManager.default.removeItem(at: root) }
        try passwd.write(to: root.appendingPathComponent("etc/passwd"), atomically: true, encoding: .utf8)
        let identity = RedactionIdentity.current(environment: [:], root: root.path)
        #expect(identity.realNames == ["Bob Example"])
        #expect(identity.userNames.contains("bob") && identity.userNames.contains("ubuntu"))
    }

    @Test func environmentAndArgumentsLoseSecretValues() {
        let environment = redactor.redact(environment: [
            "HF_TOKEN": "x", "OPENAI_API_KEY": "y", "HIP_VISIBLE_DEVICES": "0",
        ])
        #expect(environment == ["HF_TOKEN": "[REDACTED]", "OPENAI_API_KEY": "[REDACTED]", "HIP_VISIBLE_DEVICES": "0"])
        let arguments = redactor.redact(arguments: [
            "serve", "--api-key", "sk-1", "--hf-token=hf_2", "/home/bob/m.gguf", "-c", "4096",
        ])
        #expect(
            arguments == [
                "serve", "--api-key", "[REDACTED]", "--hf-token=[REDACTED]", "/home/USER/m.gguf", "-c", "4096",
            ]
        )
        let learned = redactor.learningSecrets(of: ["GITHUB_TOKEN": "ghp_learned123"])
        #expect(learned.redact("clone with ghp_learned123 done") == "clone with [REDACTED] done")
    }

    @Test func disabledChangesNothing() {
        let text = "bob on strixbox at 10.0.0.1 HF_TOKEN=abc"
        #expect(Redactor.disabled.redact(text) == text)
        #expect(Redactor.disabled.redact(environment: ["HF_TOKEN": "abc"]) == ["HF_TOKEN": "abc"])
    }

    @Test func peopleComeFromPasswdRange() {
        let passwd =
            "root:x:0:0::/root:/bin/sh\nbob:x:1000:1000::/home/bob:/bin/sh\nsvc:x:999:999::/:/bin/false\nnobody:x:65534:65534::/:/bin/false\n"
        #expect(RedactionIdentity.people(passwd: passwd) == ["bob"])
    }
}
