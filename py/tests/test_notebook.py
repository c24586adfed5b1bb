"""The example notebook runs from top to bottom."""

import nbformat
from nbclient import NotebookClient

from conftest import ROOT


def test_dorset_notebook_executes() -> None:
    nb = nbformat.read(ROOT / "examples/notebooks/dorset.ipynb", as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    shown = "".join(str(o.get("data", {})) for o in outputs)
    assert "image/svg+xml" in shown, "a chart is displayed"
    assert "Off track" in shown, "the off-track filter shows its measures"
