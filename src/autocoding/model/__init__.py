"""Plain `nn.Module`s: encoder loading, segmenting, label-wise attention, the coder network.

Submodules: `encoder` (specs, loading), `wordpiece` (in-process tokenizer), `segments`, `label_attention`,
`network` (`CoderNetwork`, `build_network`), `loss`. Import them directly; this package stays light for the CLI.
"""
