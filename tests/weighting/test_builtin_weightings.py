"""The derived weighting methods as plugins: registration, documented TOML, import cost."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pluggy
import pytest
import tomli

from rubric import hookspecs
from rubric.weighting import BUILTINS

MODULES = {
    "rubric.weighting.rank_order_centroid": "rank-order-centroid",
    "rubric.weighting.rank_sum": "rank-sum",
    "rubric.weighting.ahp": "ahp",
    "rubric.weighting.swing": "swing",
}


def test_listed_as_builtins_after_direct_and_equal():
    """BUILTINS keeps direct and equal first and lists every derived method."""
    assert BUILTINS[:2] == ("rubric.weighting.direct", "rubric.weighting.equal")
    assert set(MODULES) <= set(BUILTINS)


@pytest.mark.parametrize(("module_name", "method_name"), MODULES.items())
def test_each_module_is_a_plugin(module_name, method_name):
    """Each module registers on its own and provides exactly its method."""
    pm = pluggy.PluginManager("rubric")
    pm.add_hookspecs(hookspecs)
    module = importlib.import_module(module_name)
    pm.register(module, name=module_name)
    pm.check_pending()
    [provided] = pm.hook.rubric_weighting_methods()
    assert [method.name for method in provided] == [method_name]
    assert provided[0] is module.METHOD
    assert provided[0].check_params is not None and provided[0].description


@pytest.mark.parametrize("module_name", MODULES)
def test_documented_toml_example_is_valid(module_name, reference_rubric):
    """The TOML example in each module's docstring parses, passes check_params and derives weights."""
    module = importlib.import_module(module_name)
    [example] = re.findall(r"\.\. code-block:: toml\n\n((?:    .*\n|\n)+)", module.__doc__)
    document = tomli.loads("\n".join(line[4:] for line in example.splitlines()))
    [(scheme_id, scheme)] = document["schemes"].items()
    params = dict(scheme["weighting"])
    assert params.pop("method") == module.METHOD.name
    assert set(params) <= set(module.METHOD.params)
    assert module.METHOD.check_params(params, reference_rubric) == []
    weights = module.METHOD.derive(reference_rubric, params).weights
    assert weights and all(w >= 0 for w in weights.values())


def test_importing_and_deriving_does_not_import_numpy():
    """Cold start: none of the derived methods pulls in numpy."""
    code = (
        "import sys\n"
        "from rubric.model import Criterion, Group, Rubric, Scale\n"
        "from rubric.weighting import ahp, rank_order_centroid, rank_sum, swing\n"
        "r = Rubric('r', 't', '1', Scale(0, 1, ('lo', 'hi')), (Group('g', 'G'),),\n"
        "           (Criterion('a', 'g', 'A'), Criterion('b', 'g', 'B'), Criterion('c', 'g', 'C')), ())\n"
        "ahp.METHOD.derive(r, {'pairwise': {'g': {'a/b': 2, 'a/c': 3, 'b/c': 2}}})\n"
        "rank_order_centroid.METHOD.derive(r, {'ranking': {'g': ['a', 'b', 'c']}})\n"
        "swing.METHOD.derive(r, {'points': {'g': {'a': 100, 'b': 50, 'c': 10}}})\n"
        "assert 'numpy' not in sys.modules, 'numpy was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
