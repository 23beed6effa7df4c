"""Strong non-transformer baselines: TF-IDF features, one-vs-rest linear classifiers, code-title similarity.

They sit at the model/train layer (they read the dataset written by `autocoding build`) and give every transformer run
a number to beat. `autocoding.baselines.codiesp` runs the CodiEsp benchmark (official MAP on the test split = CodiEsp dev).
"""
