/// The version `rocfault report` writes into a bundle.
enum RocfaultVersion {
    static let current = "0.1.0"
}
