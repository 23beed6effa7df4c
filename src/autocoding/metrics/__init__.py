"""Metric definitions, once each: torch functions (`functional`) and batch-accumulating torchmetrics classes
(`collection`). Import the submodules; this package keeps torch out of the CLI's start-up."""
