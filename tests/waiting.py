import time


def wait_for(condition, timeout: float = 20.0) -> bool:
    """Poll until `condition()` holds (a real worker does its work in its own time); False after `timeout`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
