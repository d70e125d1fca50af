import Testing

@testable import RocfaultReport

@Suite struct RedactorTests {
    let redactor = Redactor(
        identity: RedactionIdentity(
            userNames: ["bob", "alice-test"],
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
