"""Reading an output folder whole, for tests that compare a build with a clean build."""
import os


def read_tree(folder):
    """(path -> bytes of every file, set of folders) below `folder`; ({}, set()) when it is missing."""
    files, folders = {}, set()
    for base, dirs, names in os.walk(folder):
        rel = os.path.relpath(base, folder)
        folders.update(os.path.normpath(os.path.join(rel, d)) for d in dirs)
        for name in names:
            path = os.path.join(base, name)
            with open(path, "rb", buffering=0) as handle:
                files[os.path.normpath(os.path.join(rel, name))] = handle.readall()
    return files, folders
