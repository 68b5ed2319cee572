"""Writes the small NumPy fixtures of tests/core/test_io_npy.cpp (run from this folder).

Every value is a simple formula so that the tests can check them by hand:
m23 = [[0, 0.5, 1], [1.5, 2, 2.5]] (element i*3+j is (3*i+j)/2).
"""
import numpy as np
from numpy.lib import format as npf

m23 = (np.arange(6, dtype=np.float64) / 2).reshape(2, 3)

np.save("f8_c.npy", m23)
np.save("f4_c.npy", m23.astype("<f4"))
np.save("f8_fortran.npy", np.asfortranarray(m23))
np.save("i4.npy", np.array([[-1, 2], [3, -4]], dtype="<i4"))
np.save("i8_1d.npy", np.array([0, 5, 9_007_199_254_740_993], dtype="<i8"))
np.save("b1.npy", np.array([True, False, True]))
np.save("text.npy", np.array(["known", "Ä-ß"]))
np.save("big_endian.npy", m23.astype(">f8"))
np.save("object.npy", np.array([{"a": 1}, None], dtype=object), allow_pickle=True)
np.save("f3d.npy", np.zeros((2, 2, 2)))
for version in [(2, 0), (3, 0)]:
    with open(f"f8_v{version[0]}.npy", "wb") as f:
        npf.write_array(f, m23, version=version)

np.savez("stored.npz", m23=m23, idx=np.array([3, 1, 2], dtype="<i8"))
np.savez_compressed("deflated.npz", m23=m23, f4=m23.astype("<f4"), labels=np.array(["a", "bb"]))

# A tiny chemiscope file (two structures, environments on 3 of 5 atoms), gzip-compressed.
import gzip, json
chemiscope = {
    "meta": {"name": "tiny"},
    "structures": [
        {"size": 2, "names": ["O", "H"], "x": [0, 1], "y": [0, 0], "z": [0, 0.5],
         "cell": [5, 0, 0, 0, 6, 0, 0, 0, 7]},
        {"size": 3, "names": ["C", "H", "H"], "x": [0, 1, 2], "y": [1, 1, 1], "z": [2, 2, 2]},
    ],
    "environments": [{"structure": 0, "center": 1, "cutoff": 3.5},
                     {"structure": 1, "center": 0, "cutoff": 3.5},
                     {"structure": 1, "center": 2, "cutoff": 3.5}],
    "properties": {
        "energy": {"target": "structure", "values": [-1.5, 2.25], "units": "eV"},
        "kind": {"target": "structure", "values": ["bulk", "surface"]},
        "charge": {"target": "atom", "values": [0.1, -0.2, 0.3]},
        "dos": {"target": "structure", "values": [list(range(12)), [x / 2 for x in range(12)]]},
        "pca": {"target": "atom", "values": [[1, 2], [3, 4], [5, 6]]},
    },
}
with gzip.open("tiny_chemiscope.json.gz", "wt") as f:
    json.dump(chemiscope, f)
