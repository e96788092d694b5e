"""Jupyter server settings for this project, read by `make lab` (through JUPYTER_CONFIG_PATH).

Notebooks are committed without outputs: every save from JupyterLab drops the outputs and
execution counts of code cells, and the values jupyterlab-myst stores for the inline
expressions of Markdown cells. JupyterLab still shows them until the notebook is closed.
"""


def strip_outputs(model: dict, **kwargs) -> None:
    """Pre-save hook: remove what running a notebook adds to it, before it is written."""
    if model.get("type") != "notebook" or not isinstance(model.get("content"), dict):
        return
    for cell in model["content"].get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        cell.get("metadata", {}).pop("user_expressions", None)


c = get_config()  # noqa: F821 (defined by Jupyter when it reads this file)
c.ContentsManager.pre_save_hook = strip_outputs
