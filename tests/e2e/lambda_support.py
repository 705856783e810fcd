"""Helpers for the hosted-Lambda suites: zip packages of real handlers, boto3 lambda clients."""
import io
import os
import stat
import zipfile

ROLE = "arn:aws:iam::000000000000:role/lambda-role"


def zip_of(files):
    """A deployment package: {name: text or (text, mode)} → zip bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            mode = 0o644
            if isinstance(content, tuple):
                content, mode = content
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFREG | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()


def symlink_zip(name, target):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        info = zipfile.ZipInfo(name)
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, target)
        archive.writestr("handler.py", "def handler(event, context):\n    return 1\n")
    return buffer.getvalue()


def python_runtime():
    """The python3.x runtime this machine can run (the interpreter the tests run under)."""
    import sys
    return f"python{sys.version_info.major}.{sys.version_info.minor}"


def node_runtime():
    import shutil
    import subprocess
    node = shutil.which("node")
    if not node:
        return None
    major = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip().lstrip("v").split(".")[0]
    return f"nodejs{major}.x"


def create(client, name, files, runtime=None, handler="handler.handler", **extra):
    return client.create_function(FunctionName=name, Runtime=runtime or python_runtime(), Role=ROLE, Handler=handler,
                                  Code={"ZipFile": zip_of(files)}, **extra)


def children_of(pid):
    """Live (non-zombie) and zombie children of a process, from /proc."""
    live, zombies = [], []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            (zombies if fields[0] == "Z" else live).append(int(entry))
    return live, zombies
