print("portico-vtl")
