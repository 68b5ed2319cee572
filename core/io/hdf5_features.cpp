#include "core/io/hdf5_features.h"

#include <cstring>
#include <filesystem>

#include "core/io/hdf5_project.h"
#include "core/io/hdf5_util.h"
#include "core/util/error.h"

namespace le {

using h5::Handle;

namespace {

std::string dtypeOf(hid_t type) {
    const std::size_t size = H5Tget_size(type);
    switch (H5Tget_class(type)) {
    case H5T_FLOAT: return "float" + std::to_string(8 * size);
    case H5T_INTEGER: return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(8 * size);
    case H5T_STRING: return "string";
    case H5T_COMPOUND: return "compound";
    default: return "other";
    }
}

Hdf5DatasetInfo describe(hid_t set, const std::string& path) {
    Hdf5DatasetInfo info{path, {}, "?"};
    Handle space(H5Dget_space(set), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.id());
    if (rank > 0 && rank <= 32) {
        std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
        H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
        for (auto d : dims) info.shape.push_back((long long)d);
    }
    Handle type(H5Dget_type(set), H5Tclose);
    info.dtype = dtypeOf(type.id());
    return info;
}

Handle openFile(const std::string& file) {
    h5::quietErrors();
    if (H5Fis_hdf5(file.c_str()) <= 0) h5::fail(file, "", "not an HDF5 file (or it cannot be opened)");
    Handle f(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!f.valid()) h5::fail(file, "", "cannot open the HDF5 file");
    return f;
}

struct Visit {
    std::vector<Hdf5DatasetInfo> found;
};

herr_t visitObject(hid_t root, const char* name, const H5O_info_t* info, void* data) {
    if (info->type != H5O_TYPE_DATASET) return 0;
    Handle set(H5Dopen2(root, name, H5P_DEFAULT), H5Dclose);
    if (set.valid()) static_cast<Visit*>(data)->found.push_back(describe(set.id(), std::string("/") + name));
    return 0;
}

} // namespace

bool isHdf5File(const std::string& file) {
    h5::quietErrors();
    return H5Fis_hdf5(file.c_str()) > 0;
}

bool isProjectHdf5(const std::string& file) {
    if (!isHdf5File(file)) return false;
    Handle f(H5Fopen(file.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
    if (!f.valid()) return false;
    try {
        return h5::stringAttribute(f.id(), {file, "/"}, "format") == std::string(kProjectFormat);
    } catch (const InputError&) {
        return false; // a `format` attribute of another type: not ours
    }
}

std::vector<Hdf5DatasetInfo> listHdf5Datasets(const std::string& file) {
    Handle f = openFile(file);
    Visit visit;
    if (H5Ovisit2(f.id(), H5_INDEX_NAME, H5_ITER_INC, visitObject, &visit, H5O_INFO_BASIC) < 0)
        h5::fail(file, "/", "cannot list the datasets");
    return visit.found;
}

std::string describeHdf5Datasets(const std::vector<Hdf5DatasetInfo>& datasets) {
    if (datasets.empty()) return "the file holds no dataset";
    std::string text;
    for (const auto& d : datasets) text += (text.empty() ? "" : "; ") + d.path + " " + shapeText(d.shape) + " " + d.dtype;
    return text;
}

NpyArray readHdf5Array(const std::string& file, const std::string& dataset) {
    Handle f = openFile(file);
    const std::string path = dataset.empty() || dataset.front() != '/' ? "/" + dataset : dataset;
    const auto slash = path.find_last_of('/');
    const std::string parentPath = slash == 0 ? "/" : path.substr(0, slash);
    if (parentPath != "/" && H5Lexists(f.id(), parentPath.c_str(), H5P_DEFAULT) <= 0)
        h5::fail(file, path, "no such group; datasets: " + describeHdf5Datasets(listHdf5Datasets(file)));
    Handle parent(H5Oopen(f.id(), parentPath.c_str(), H5P_DEFAULT), H5Oclose);
    if (!parent.valid()) h5::fail(file, path, "cannot open its group");
    if (!h5::exists(parent.id(), path.substr(slash + 1)))
        h5::fail(file, path, "no such dataset; datasets: " + describeHdf5Datasets(listHdf5Datasets(file)));
    const h5::NumericData data = h5::readNumeric(parent.id(), {file, path});
    NpyArray a;
    for (auto d : data.dims) a.shape.push_back((long long)d);
    a.type = data.isFloat32 ? NpyType::Float32 : NpyType::Float64;
    const std::size_t bytes = data.isFloat32 ? data.floats.size() * 4 : data.doubles.size() * 8;
    a.bytes.resize(bytes);
    if (bytes) std::memcpy(a.bytes.data(), data.isFloat32 ? (const void*)data.floats.data() : (const void*)data.doubles.data(), bytes);
    return a;
}

std::optional<Hdf5DatasetRef> splitHdf5DatasetArgument(const std::string& argument) {
    std::error_code error;
    if (std::filesystem::exists(argument, error)) return std::nullopt;
    for (auto colon = argument.find(':'); colon != std::string::npos; colon = argument.find(':', colon + 1)) {
        const std::string file = argument.substr(0, colon);
        if (colon + 1 < argument.size() && std::filesystem::is_regular_file(file, error))
            return Hdf5DatasetRef{file, argument.substr(colon + 1)};
    }
    return std::nullopt;
}

} // namespace le
