print("fnas-bench")
