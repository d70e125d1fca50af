print("rocfaultd")
