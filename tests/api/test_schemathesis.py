"""A schemathesis run over the whole API: every operation, generated valid and invalid requests,
every default check (no server error, documented status codes, headers and content types,
responses matching their schemas, invalid data rejected). Bounded in examples per operation.

Schema-valid requests may still be refused with 404 (an unknown code, fab or scenario: the
vocabulary lives in the data, not in the schema), 422 (a rule across fields, e.g. a year outside
a scenario's horizon) or 413/414 (the size caps count bytes, the schema counts characters); all
are documented on every operation.

What a scenario request costs here (session 31, measured on a machine at load 7-10): neither
the runs nor the horizon. Runs are capped at 20 per side (``max_runs``), and the engine's part of
a comparison is ~0.3-0.6 s whatever the runs (1 or 20) and the horizon (3 or 14 years); the
rest of the 1.2-2 s of a comparison is building its answer (both sides' utilisation, the charts
in two languages), a third of which was the operators' names, looked up six times per
comparison at ~0.1 s each (`chipshock.present.labels.operator_names`, now ~0.5 ms). Under load
the two generated comparisons that run (the schema's examples: the flagship, the example file)
took 4.6-5 s. The app's start-up warm-up (~13 s of work at that load: capacity, build-out, the
engine's kernel) is done before the first case, as a started server does it before
``/api/health`` reports ``warm``, so that no case shares the machine with it (the lifespan of
the first call would otherwise start it in a thread beside the cases).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

from chipshock.api import create_app  # noqa: E402
from chipshock.api.state import app_state  # noqa: E402
from chipshock.api.warmup import warm  # noqa: E402

EXAMPLES = 12
# 413 and 414 are the server's size caps (bytes, where the schema counts characters): a refusal
# of invalid data, and a documented limit on valid data
REJECTED = ["400", "404", "405", "413", "414", "422"]
CONFIG = schemathesis.config.SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ["2xx", "404", "413", "414", "422"]},
            "negative_data_rejection": {"expected-statuses": REJECTED},
        },
    }
)
# the schema is read when this module is imported (it needs no store); requests go to an app
# over the session's store
schema = schemathesis.openapi.from_dict(
    create_app(Path("/nonexistent/chipshock.duckdb")).openapi(), config=CONFIG
)


@pytest.fixture(scope="module")
def app(store_path: Path) -> Any:
    """The app over the session's store, warmed before the first case (module docstring)."""
    app = create_app(store_path, max_runs=20, time_budget_s=300.0, warm=False)
    warm(app_state(app))
    return app


#: Not run here: a tornado costs (2 x factors + 1) engine runs whatever the runs asked, and the
#: coverage phase sends dozens of requests per operation (ten minutes on a shared machine); the
#: route's validation is pinned in tests/api/test_sensitivity_route.py.
TORNADO = "/api/scenarios/sensitivity"
#: Not run here either, for the same reason: a Sobol analysis costs samples x (factors + 3)
#: evaluations (up to 256 x 22), beyond the time budget; its validation is pinned in
#: tests/api/test_sobol_route.py.
SOBOL = "/api/scenarios/sensitivity/sobol"
#: Not run here: each accepted request starts a background job, so generated requests pile up
#: jobs until the queue answers 503 + Retry-After by design (and the jobs would keep running into
#: later tests); start, progress, result and cancel are pinned in tests/api/test_explorer_routes.py.
JOB_STARTS = ("/api/jobs/run", "/api/jobs/compare", "/api/jobs/sobol", "/api/jobs/contributions")


@pytest.mark.slow
@schema.exclude(path=[TORNADO, SOBOL, *JOB_STARTS], method="POST").parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms(case: Any, app: Any) -> None:
    """Every generated request gets a documented, well-formed answer; no 5xx."""
    case.call_and_validate(app=app)
