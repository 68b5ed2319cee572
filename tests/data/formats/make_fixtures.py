"""Writes the fixtures of tests/core/test_io_formats*.cpp (run from this folder; numpy, h5py, ASE).

Files are written in the layouts the real tools write (see README.md): metatensor's .mts
(zip of .npy, labels as structured int32 arrays), DeePMD's dp eval-desc 3-D .npy and dp embed
HDF5, MACE's mace_eval_configs extxyz. Every feature value is a formula the tests recompute:
    value(frame f, atom a, column j) = 100 f + 10 a + j / 2
(exact in float16, float32 and float64; a is the atom's index inside its frame).
"""
import io
import zipfile

import ase
import ase.data
import ase.io
import h5py
import numpy as np

# structures.xyz: 3 frames of 2, 3, 2 atoms.
FRAMES = [["O", "H"], ["C", "H", "H"], ["N", "H"]]
# deepmd.xyz: 3 frames of 3 atoms (a DeePMD system has one atom count).
WATER = [["O", "H", "H"]] * 3


def value(f, a, j):
    return 100.0 * f + 10.0 * a + j / 2.0


def per_atom(frames, width):
    return np.array([[value(f, a, j) for j in range(width)]
                     for f, symbols in enumerate(frames) for a in range(len(symbols))])


def write_structures(name, frames):
    images = []
    for f, symbols in enumerate(frames):
        positions = [[0.5 * a + f, 0.25 * a, 0.0] for a in range(len(symbols))]
        images.append(ase.Atoms(symbols, positions=positions, cell=[6.0 + f, 6.0, 6.0], pbc=True))
    ase.io.write(name, images, format="extxyz")
    return images


write_structures("structures.xyz", FRAMES)
write_structures("deepmd.xyz", WATER)
# Frame 2 with 4 atoms: a 3-D array of 3 atoms per frame must be refused, naming frame 2.
write_structures("deepmd_frame2_has_4_atoms.xyz", [["O", "H", "H"], ["O", "H", "H", "H"], ["O", "H", "H"]])

# ---- DeePMD dp eval-desc: one (frames, atoms, d) array per system.
desc = np.array([[[value(f, a, j) for j in range(4)] for a in range(3)] for f in range(3)])
np.save("deepmd_desc.npy", desc)

# ---- float16 .npy: the per-atom features of structures.xyz, and special values.
np.save("features_f2.npy", per_atom(FRAMES, 4).astype("<f2"))
special = np.array([0.0, -0.0, 1.0, -2.5, 65504.0, 2.0**-24, 2.0**-14, 0.1, np.inf, -np.inf, np.nan], dtype="<f2")
np.save("f2_special.npy", special)
np.save("f2_special_as_f4.npy", special.astype("<f4"))  # numpy's exact conversion, the reference
np.save("zero_columns.npy", np.zeros((7, 0)))


# ---- metatensor .mts
def labels(names, rows):
    dtype = [(n, "<i4") for n in names]
    return np.array([tuple(r) for r in rows], dtype=dtype)


def npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def write_mts(name, keys, blocks, compression=zipfile.ZIP_STORED, old_layout=False):
    """blocks: list of (values, samples, components, properties); metatensor.save's member names."""
    with zipfile.ZipFile(name, "w", compression=compression) as z:
        def put(member, array):
            # metatensor writes every member with ZIP64 extra fields (large_file(true)).
            with z.open(member, "w", force_zip64=True) as out:
                out.write(npy_bytes(array))
        put("keys.npy", keys)
        for i, (values, samples, components, properties) in enumerate(blocks):
            prefix = f"blocks/{i}/values/" if old_layout else f"blocks/{i}/"
            put(prefix + ("data.npy" if old_layout else "values.npy"), values)
            put(prefix + "samples.npy", samples)
            for j, c in enumerate(components):
                put(prefix + f"components/{j}.npy", c)
            put(prefix + "properties.npy", properties)


atoms = [(f, a) for f, symbols in enumerate(FRAMES) for a in range(len(symbols))]
species = [ase.data.atomic_numbers[s] for symbols in FRAMES for s in symbols]
props4 = labels(["properties"], [[p] for p in range(4)])
single_key = labels(["_"], [[0]])

# One block, samples in a shuffled order (the reader must place each row by its labels).
order = [3, 0, 6, 2, 5, 1, 4]
values = per_atom(FRAMES, 4)
write_mts("pet_features.mts", single_key,
          [(values[order], labels(["system", "atom"], [atoms[i] for i in order]), [], props4)])
# One block per center type (as featomic/metatrain write per-species outputs), deflated,
# with the extra `tensor` sample column metatensor.join adds.
blocks = []
for z in sorted(set(species)):
    rows = [i for i in range(len(atoms)) if species[i] == z]
    blocks.append((values[rows], labels(["system", "atom", "tensor"], [atoms[i] + (0,) for i in rows]), [], props4))
write_mts("per_species.mts", labels(["center_type"], [[z] for z in sorted(set(species))]), blocks,
          compression=zipfile.ZIP_DEFLATED)
# Per structure: samples (system,) only, float32 values.
frame_values = np.array([[value(f, 0, j) for j in range(4)] for f in range(3)])
write_mts("per_structure.mts", single_key,
          [(frame_values.astype("<f4"), labels(["system"], [[f] for f in range(3)]), [], props4)])
# A component axis (3 components × 2 properties), flattened component-major by the reader.
with_components = np.array([[[value(f, a, 2 * c + p) for p in range(2)] for c in range(3)] for f, a in atoms])
write_mts("components.mts", single_key,
          [(with_components, labels(["system", "atom"], atoms), [labels(["o3_mu"], [[-1], [0], [1]])],
            labels(["properties"], [[0], [1]]))])
# float16 values, and metatensor's older member layout (blocks/<i>/values/data.npy).
write_mts("f2_values.mts", single_key, [(values.astype("<f2"), labels(["system", "atom"], atoms), [], props4)])
write_mts("old_layout.mts", single_key, [(values, labels(["system", "atom"], atoms), [], props4)], old_layout=True)
# Bad: frame 2 (system 1) lacks its atom 2; blocks with different properties; int64 labels.
missing = [i for i in range(len(atoms)) if atoms[i] != (1, 2)]
write_mts("missing_atom.mts", single_key, [(values[missing], labels(["system", "atom"], [atoms[i] for i in missing]), [], props4)])
blocks[1] = (blocks[1][0], blocks[1][1], [], labels(["properties"], [[p + 10] for p in range(4)]))
write_mts("different_properties.mts", labels(["center_type"], [[z] for z in sorted(set(species))]), blocks)
bad = np.array([tuple(a) for a in atoms], dtype=[("system", "<i8"), ("atom", "<i8")])
write_mts("int64_labels.mts", single_key, [(values, bad, [], props4)])

# ---- DeePMD dp embed: one group per system, gzip + shuffle, float32 by default.
with h5py.File("dp_embed.h5", "w") as h5:
    h5.attrs["type_map"] = np.array(["O", "H"], dtype=h5py.string_dtype())
    kwargs = {"compression": "gzip", "compression_opts": 9, "shuffle": True}
    for name, frames in [("sys_a", [0, 1]), ("sys_b", [2])]:  # frames of deepmd.xyz, in group-name order
        g = h5.create_group(name)
        d = np.array([[[value(f, a, j) for j in range(4)] for a in range(3)] for f in frames], dtype="<f4")
        h = np.array([[[value(f, a, j) for j in range(2)] for a in range(3)] for f in frames], dtype="<f4")
        g.create_dataset("descriptor", data=d, **kwargs)
        g.create_dataset("atomic_feature", data=h, **kwargs)
        g.create_dataset("structural_feature", data=h.sum(axis=1), **kwargs)
        g.create_dataset("atom_types", data=np.tile(np.array([0, 1, 1], dtype=np.int32), (len(frames), 1)), **kwargs)
        g.attrs["nframes"] = len(frames)
        g.attrs["system"] = "/data/" + name

# The same with atom types H O H where deepmd.xyz has O H H: refused, naming frame 1, atom 1.
with h5py.File("dp_embed_wrong_types.h5", "w") as h5:
    h5.attrs["type_map"] = np.array(["O", "H"], dtype=h5py.string_dtype())
    g = h5.create_group("sys_a")
    g.create_dataset("descriptor", data=desc.astype("<f4"))
    g.create_dataset("atom_types", data=np.tile(np.array([1, 0, 1], dtype=np.int32), (3, 1)))

# ---- any HDF5 file: datasets named on the command line as file.h5:/group/dataset.
with h5py.File("generic.h5", "w") as h5:
    h5.create_dataset("group/per_atom", data=per_atom(FRAMES, 5))
    h5.create_dataset("group/per_frame", data=np.array([[value(f, 0, j) for j in range(3)] for f in range(3)], dtype="<f4"))
    h5.create_dataset("nested/deep/three_d", data=desc)
    h5.create_dataset("labels", data=np.array([b"a", b"b"]))
    h5.create_dataset("half/per_atom", data=per_atom(FRAMES, 2).astype("<f2"))

# ---- MACE mace_eval_configs --return_descriptors: per-atom column (default), and the
# per-structure mean in info (--descriptor_aggregation_method mean).
images = write_structures("mace_output.xyz", FRAMES)
for f, atoms_f in enumerate(images):
    atoms_f.info["MACE_energy"] = -1.5 * (f + 1)
    atoms_f.arrays["MACE_forces"] = np.zeros((len(atoms_f), 3))
    atoms_f.arrays["MACE_descriptors"] = np.array([[value(f, a, j) for j in range(8)] for a in range(len(atoms_f))])
ase.io.write("mace_output.xyz", images, format="extxyz")
for f, atoms_f in enumerate(images):
    del atoms_f.arrays["MACE_descriptors"]
    atoms_f.info["MACE_descriptors"] = np.array([[value(f, a, j) for j in range(8)] for a in range(len(atoms_f))]).mean(axis=0)
ase.io.write("mace_mean_output.xyz", images, format="extxyz")

# ---- scikit-matter's CH4 SOAP features (../metrics, BSD-3-Clause) in the new containers, for
# the CLI test that compares them against scikit-matter's GFRE/LFRE (one carbon per frame of
# ../metrics/ch4_carbons.extxyz): the power spectrum as a 3-D HDF5 dataset (162 frames × 1
# atom × 12), the bispectrum as a metatensor file with its samples in reverse order.
ps = np.load("../metrics/ch4_power_spectrum.npy")
bs = np.load("../metrics/ch4_bispectrum.npy")
with h5py.File("ch4_soap.h5", "w") as h5:
    h5.create_dataset("soap/power_spectrum", data=ps.reshape(162, 1, 12))
reverse = list(range(161, -1, -1))
write_mts("ch4_bispectrum.mts", single_key,
          [(bs[reverse], labels(["system", "atom"], [(i, 0) for i in reverse]), [], labels(["n"], [[p] for p in range(12)]))])
