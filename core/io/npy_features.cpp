#include "core/io/npy_features.h"

#include <algorithm>

#include <sys/stat.h>

#include "core/io/file_bytes.h"
#include "core/io/npy.h"
#include "core/util/error.h"
#include "core/util/mapped_file.h"

namespace le {

namespace {

bool isPlainFloatMatrix(const NpyDescription& d) {
    return (d.type == NpyType::Float32 || d.type == NpyType::Float64) && !d.fortranOrder &&
           (d.shape.size() == 2 || d.shape.size() == 3);
}

Eigen::Index rowsOf(const NpyDescription& d) {
    return Eigen::Index(d.shape.size() == 3 ? d.shape[0] * d.shape[1] : d.shape[0]);
}

template <typename Scalar>
FeatureData mappedView(const NpyDescription& d, const std::shared_ptr<const MappedFile>& file) {
    const auto* values = reinterpret_cast<const Scalar*>(file->bytes().data() + d.dataOffset);
    return FeatureData(MatrixView<Scalar>(values, rowsOf(d), Eigen::Index(d.shape.back())), file);
}

std::optional<NpyFeatureMatrix> mapMatrix(const std::string& path) {
    const auto file = MappedFile::open(path);
    // The header is checked against the mapped length: no value beyond the end is ever read.
    const NpyDescription d = describeNpy(file->bytes(), file->size(), path);
    if (!isPlainFloatMatrix(d) || d.dataOffset % d.itemSize != 0) return std::nullopt;
    if (d.type == NpyType::Float32) return NpyFeatureMatrix{d.shape, mappedView<float>(d, file)};
    return NpyFeatureMatrix{d.shape, mappedView<double>(d, file)};
}

template <typename Matrix>
FeatureData readValues(std::FILE* file, const NpyDescription& d, const std::string& path) {
    Matrix m(rowsOf(d), Eigen::Index(d.shape.back()));
    const std::size_t bytes = std::size_t(m.size()) * sizeof(typename Matrix::Scalar);
    if (bytes && (std::fseek(file, long(d.dataOffset), SEEK_SET) != 0 || std::fread(m.data(), 1, bytes, file) != bytes))
        throw InputError(path, "npy data", "read error (did the file change while reading?)");
    return m;
}

std::optional<NpyFeatureMatrix> readMatrix(const std::string& path) {
    auto file = openForReading(path);
    struct stat info;
    if (::fstat(::fileno(file.get()), &info) != 0) return std::nullopt; // readNpy will say why
    const auto size = std::size_t(info.st_size);
    // The header sits in the first bytes (numpy keeps it under 10 kB; version 1 under 64 kB).
    std::string head(std::min<std::size_t>(size, 1 << 20), '\0');
    head.resize(std::fread(head.data(), 1, head.size(), file.get()));
    NpyDescription d;
    try {
        d = describeNpy(head, size, path);
    } catch (const InputError&) {
        if (head.size() < size) return std::nullopt; // perhaps a longer header: the full reader decides
        throw;
    }
    if (!isPlainFloatMatrix(d)) return std::nullopt;
    if (d.type == NpyType::Float32) return NpyFeatureMatrix{d.shape, readValues<MatrixF>(file.get(), d, path)};
    return NpyFeatureMatrix{d.shape, readValues<MatrixD>(file.get(), d, path)};
}

} // namespace

std::optional<NpyFeatureMatrix> readNpyFeatureMatrix(const std::string& path, NpyAccess access) {
    return access == NpyAccess::Map ? mapMatrix(path) : readMatrix(path);
}

} // namespace le
