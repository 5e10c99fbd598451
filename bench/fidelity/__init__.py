"""Parser fidelity: parsed resolution texts compared with the UN's official AKN4UN XML."""

# `python -m bench.fidelity TEXTS... --akn DIR` (see bench/README.md, "Parser fidelity").
