"""Every chart of the notebooks, defined once: a static (matplotlib) and an interactive (plotly) version.

Notebooks call `charts.static(name, record)` / `charts.interactive(name, record)`; the exporter
walks `CHARTS` and writes each in every format.
"""

from helpers.charts.registry import CHARTS, PLOTLY_MIMETYPE, Chart, interactive, static

# Importing the chart modules registers their charts, in notebook order.
from helpers.charts import overview as _overview  # noqa: F401,E402
from helpers.charts import growth as _growth  # noqa: F401,E402
from helpers.charts import deployments as _deployments  # noqa: F401,E402
from helpers.charts import disagreement as _disagreement  # noqa: F401,E402
from helpers.charts import location as _location  # noqa: F401,E402
from helpers.charts import sources as _sources  # noqa: F401,E402
from helpers.charts import cost as _cost  # noqa: F401,E402

__all__ = ["CHARTS", "PLOTLY_MIMETYPE", "Chart", "interactive", "static"]
