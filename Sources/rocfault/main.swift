print("rocfault")
