#include "core/io/hdf5_util.h"

#include <algorithm>

#include "core/util/error.h"

namespace le::h5 {

void fail(const std::string& file, const std::string& hdf5Path, const std::string& message) {
    H5Eclear2(H5E_DEFAULT);
    throw InputError(file, hdf5Path, message);
}

void Place::fail(const std::string& message) const { h5::fail(file, path, message); }

void quietErrors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

namespace {

std::string leaf(const Place& place) { return place.path.substr(place.path.find_last_of('/') + 1); }

Handle stringType() {
    Handle t(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(t.id(), H5T_VARIABLE);
    H5Tset_cset(t.id(), H5T_CSET_UTF8);
    return t;
}

Handle makeSpace(const std::vector<hsize_t>& dims) {
    if (dims.empty()) return Handle(H5Screate(H5S_SCALAR), H5Sclose);
    return Handle(H5Screate_simple(int(dims.size()), dims.data(), nullptr), H5Sclose);
}

void writeDataset(hid_t parent, const Place& place, const std::vector<hsize_t>& dims, hid_t fileType,
                  hid_t memoryType, const void* data) {
    Handle space = makeSpace(dims);
    Handle set(H5Dcreate2(parent, leaf(place).c_str(), fileType, space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
               H5Dclose);
    if (!set.valid()) place.fail("cannot create dataset");
    if (H5Dwrite(set.id(), memoryType, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0) place.fail("cannot write dataset");
}

Handle openDataset(hid_t parent, const Place& place) {
    if (!exists(parent, leaf(place))) place.fail("missing dataset");
    Handle set(H5Dopen2(parent, leaf(place).c_str(), H5P_DEFAULT), H5Dclose);
    if (!set.valid()) place.fail("cannot open dataset");
    return set;
}

std::vector<hsize_t> dimsOf(hid_t set, const Place& place) {
    Handle space(H5Dget_space(set), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.id());
    if (rank < 0 || rank > 8) place.fail("unreadable dataspace");
    std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
    H5Sget_simple_extent_dims(space.id(), dims.data(), nullptr);
    return dims;
}

std::size_t product(const std::vector<hsize_t>& dims, const Place& place) {
    std::size_t n = 1;
    for (auto d : dims) {
        if (d != 0 && n > (std::size_t(1) << 40) / d) place.fail("dataset is too large");
        n *= std::size_t(d);
    }
    return n;
}

} // namespace

Handle createGroup(hid_t parent, const Place& place) {
    Handle g(H5Gcreate2(parent, leaf(place).c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
    if (!g.valid()) place.fail("cannot create group");
    return g;
}

Handle openGroup(hid_t parent, const Place& place) {
    if (!exists(parent, leaf(place))) place.fail("missing group");
    Handle g(H5Gopen2(parent, leaf(place).c_str(), H5P_DEFAULT), H5Gclose);
    if (!g.valid()) place.fail("cannot open group");
    return g;
}

bool exists(hid_t parent, const std::string& name) { return H5Lexists(parent, name.c_str(), H5P_DEFAULT) > 0; }

std::vector<std::string> childNames(hid_t group, const Place& place) {
    H5G_info_t info;
    if (H5Gget_info(group, &info) < 0) place.fail("cannot list group");
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t n = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (n < 0) place.fail("cannot list group");
        std::string name(std::size_t(n), '\0');
        H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), std::size_t(n) + 1, H5P_DEFAULT);
        names.push_back(name);
    }
    return names;
}

void writeDoubles(hid_t parent, const Place& place, const std::vector<hsize_t>& dims, const double* data) {
    writeDataset(parent, place, dims, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data);
}
void writeFloats(hid_t parent, const Place& place, const std::vector<hsize_t>& dims, const float* data) {
    writeDataset(parent, place, dims, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, data);
}
void writeInt64s(hid_t parent, const Place& place, const std::vector<hsize_t>& dims, const long long* data) {
    writeDataset(parent, place, dims, H5T_STD_I64LE, H5T_NATIVE_LLONG, data);
}

void writeStrings(hid_t parent, const Place& place, const std::vector<std::string>& values) {
    std::vector<const char*> pointers;
    for (const auto& v : values) pointers.push_back(v.c_str());
    Handle type = stringType();
    writeDataset(parent, place, {hsize_t(values.size())}, type.id(), type.id(), pointers.data());
}

void writeString(hid_t parent, const Place& place, const std::string& value) {
    const char* pointer = value.c_str();
    Handle type = stringType();
    writeDataset(parent, place, {}, type.id(), type.id(), &pointer);
}

std::size_t NumericData::count() const { return isFloat32 ? floats.size() : doubles.size(); }

NumericData readNumeric(hid_t parent, const Place& place) {
    Handle set = openDataset(parent, place);
    Handle type(H5Dget_type(set.id()), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.id());
    if (cls != H5T_FLOAT && cls != H5T_INTEGER) place.fail("expected a numeric dataset");
    NumericData out;
    out.dims = dimsOf(set.id(), place);
    const std::size_t n = product(out.dims, place);
    out.isFloat32 = cls == H5T_FLOAT && H5Tget_size(type.id()) == 4;
    herr_t rc;
    if (out.isFloat32) {
        out.floats.resize(n);
        rc = H5Dread(set.id(), H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.floats.data());
    } else {
        out.doubles.resize(n);
        rc = H5Dread(set.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.doubles.data());
    }
    if (rc < 0) place.fail("cannot read dataset");
    return out;
}

std::vector<long long> readInt64s(hid_t parent, const Place& place, std::vector<hsize_t>& dims) {
    Handle set = openDataset(parent, place);
    Handle type(H5Dget_type(set.id()), H5Tclose);
    if (H5Tget_class(type.id()) != H5T_INTEGER) place.fail("expected an integer dataset");
    dims = dimsOf(set.id(), place);
    std::vector<long long> out(product(dims, place));
    if (H5Dread(set.id(), H5T_NATIVE_LLONG, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
        place.fail("cannot read dataset");
    return out;
}

std::vector<std::string> readStrings(hid_t parent, const Place& place) {
    Handle set = openDataset(parent, place);
    Handle fileType(H5Dget_type(set.id()), H5Tclose);
    if (H5Tget_class(fileType.id()) != H5T_STRING || !H5Tis_variable_str(fileType.id()))
        place.fail("expected variable-length strings");
    const auto dims = dimsOf(set.id(), place);
    std::vector<char*> pointers(product(dims, place), nullptr);
    Handle type = stringType();
    if (H5Dread(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0)
        place.fail("cannot read strings");
    std::vector<std::string> out;
    for (char* p : pointers) out.emplace_back(p ? p : "");
    Handle space(H5Dget_space(set.id()), H5Sclose);
    H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, pointers.data());
    return out;
}

std::string readString(hid_t parent, const Place& place) {
    const auto all = readStrings(parent, place);
    if (all.size() != 1) place.fail("expected one string");
    return all.front();
}

void setAttribute(hid_t object, const Place& place, const std::string& name, const std::string& value) {
    Handle type = stringType();
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle a(H5Acreate2(object, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    const char* pointer = value.c_str();
    if (!a.valid() || H5Awrite(a.id(), type.id(), &pointer) < 0) place.fail("cannot write attribute '" + name + "'");
}

void setAttribute(hid_t object, const Place& place, const std::string& name, long long value) {
    Handle space(H5Screate(H5S_SCALAR), H5Sclose);
    Handle a(H5Acreate2(object, name.c_str(), H5T_STD_I64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
    if (!a.valid() || H5Awrite(a.id(), H5T_NATIVE_LLONG, &value) < 0) place.fail("cannot write attribute '" + name + "'");
}

std::optional<std::string> stringAttribute(hid_t object, const Place& place, const std::string& name) {
    if (H5Aexists(object, name.c_str()) <= 0) return std::nullopt;
    Handle a(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
    Handle fileType(H5Aget_type(a.id()), H5Tclose);
    Handle space(H5Aget_space(a.id()), H5Sclose);
    if (H5Tget_class(fileType.id()) != H5T_STRING || !H5Tis_variable_str(fileType.id()) ||
        H5Sget_simple_extent_npoints(space.id()) != 1)
        place.fail("attribute '" + name + "' is not a variable-length string");
    Handle type = stringType();
    char* pointer = nullptr;
    if (H5Aread(a.id(), type.id(), &pointer) < 0) place.fail("cannot read attribute '" + name + "'");
    std::string value = pointer ? pointer : "";
    H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, &pointer);
    return value;
}

std::optional<long long> intAttribute(hid_t object, const Place& place, const std::string& name) {
    if (H5Aexists(object, name.c_str()) <= 0) return std::nullopt;
    Handle a(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
    Handle type(H5Aget_type(a.id()), H5Tclose);
    Handle space(H5Aget_space(a.id()), H5Sclose);
    if (H5Tget_class(type.id()) != H5T_INTEGER || H5Sget_simple_extent_npoints(space.id()) != 1)
        place.fail("attribute '" + name + "' is not an integer");
    long long value = 0;
    if (H5Aread(a.id(), H5T_NATIVE_LLONG, &value) < 0) place.fail("cannot read attribute '" + name + "'");
    return value;
}

std::optional<std::vector<std::string>> stringsAttribute(hid_t object, const Place& place, const std::string& name) {
    if (H5Aexists(object, name.c_str()) <= 0) return std::nullopt;
    Handle a(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
    Handle fileType(H5Aget_type(a.id()), H5Tclose);
    Handle space(H5Aget_space(a.id()), H5Sclose);
    const hssize_t count = H5Sget_simple_extent_npoints(space.id());
    if (H5Tget_class(fileType.id()) != H5T_STRING || !H5Tis_variable_str(fileType.id()) || count < 0 || count > 1 << 20)
        place.fail("attribute '" + name + "' is not a list of variable-length strings");
    std::vector<char*> pointers(static_cast<std::size_t>(count), nullptr);
    Handle type = stringType();
    if (H5Aread(a.id(), type.id(), pointers.data()) < 0) place.fail("cannot read attribute '" + name + "'");
    std::vector<std::string> values;
    for (char* p : pointers) values.emplace_back(p ? p : "");
    H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, pointers.data());
    return values;
}

std::vector<std::string> attributeNames(hid_t object, const Place& place) {
    H5O_info_t info;
    if (H5Oget_info2(object, &info, H5O_INFO_NUM_ATTRS) < 0) place.fail("cannot list attributes");
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.num_attrs; ++i) {
        const ssize_t n = H5Aget_name_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (n < 0) place.fail("cannot list attributes");
        std::string name(std::size_t(n), '\0');
        H5Aget_name_by_idx(object, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), std::size_t(n) + 1, H5P_DEFAULT);
        names.push_back(name);
    }
    return names;
}

} // namespace le::h5
