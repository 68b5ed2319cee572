#pragma once
// Exports a dataset with its projections, per-atom errors and properties as a chemiscope
// input file (.json, or gzip-compressed when the path ends in .gz) that opens on
// chemiscope.org and reads back with readChemiscope.
//
// Layout: meta {name, description}; structures {size, names, x, y, z, cell when the frame has
// one}; properties {target "atom"/"structure", values}: numeric properties (a property of
// width w > 1 becomes w columns "name[1]".."name[w]", chemiscope's convention), text
// properties, scalar frame info, each projection coordinate ("<projection>[k]") and each
// extra per-atom column; missing values (NaN) are written as null. Atom properties come with
// environments (every atom, with `cutoff`). settings.map shows the first projection.
#include <string>
#include <vector>

#include "core/dataset/dataset.h"
#include "core/util/task_context.h"

class QByteArray;

namespace le {

struct ChemiscopeColumn {
    std::string name;
    Level level = Level::Atom;
    MatrixD values; // rows = atoms or frames, any width
};

struct ChemiscopeExportOptions {
    std::string name = "Latent Explorer export";
    std::string description;
    std::vector<ChemiscopeColumn> projections; // coordinates, e.g. "PCA mace" (atoms × 2)
    std::vector<ChemiscopeColumn> columns;     // e.g. per-atom LFRE of a pair
    bool datasetProperties = true;             // properties and scalar frame info
    double environmentCutoff = 3.5;            // Å, shown around the highlighted atom
};

// The JSON text (UTF-8). Throws std::invalid_argument when a column's row count does not
// match its level; OperationCancelled when cancelled.
QByteArray formatChemiscope(const Dataset& dataset, const ChemiscopeExportOptions& options,
                            const TaskContext& ctx = silentContext());

// Writes `path` (gzip when it ends in ".gz") through a temporary file + rename;
// throws InputError(path, ...) on failure.
void writeChemiscope(const std::string& path, const Dataset& dataset,
                     const ChemiscopeExportOptions& options, const TaskContext& ctx = silentContext());

// gzip (RFC 1952) of `bytes` at the default compression level.
std::string gzipCompress(const std::string& bytes, const std::string& name);

} // namespace le
