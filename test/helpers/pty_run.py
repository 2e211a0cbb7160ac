# Runs a command in a real pseudo-terminal, answers its prompts step by step, prints {"exitCode", "output"} as JSON.
# Used by the tests to drive guard's /dev/tty prompts the way a human at a keyboard would.
import fcntl
import json
import os
import struct
import termios
import pty
import select
import signal
import sys
import time

spec = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid != 0 and spec.get("cols"):
    # The window size a person's terminal would report (rows, columns): what guard cuts long lines to.
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", spec.get("rows", 24), spec["cols"], 0, 0))
if pid == 0:
    os.environ.update(spec.get("env", {}))
    if spec.get("cwd"):
        os.chdir(spec["cwd"])
    os.execvp(spec["argv"][0], spec["argv"])

output = b""
searched_from = 0
steps = list(spec.get("steps", []))
deadline = time.time() + spec.get("timeout", 30)
closed = False
while True:
    # Each step waits for a text to appear (after the previous step's match), then types its answer.
    while steps and not closed:
        step = steps[0]
        if "wait" in step:
            at = output.find(step["wait"].encode(), searched_from)
            if at < 0:
                break
            searched_from = at + len(step["wait"])
        if step.get("sleep"):
            time.sleep(step["sleep"])
        if "send" in step:
            os.write(fd, step["send"].encode())
        steps.pop(0)
    if time.time() > deadline:
        os.kill(pid, signal.SIGKILL)
        break
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        output += data

_, status = os.waitpid(pid, 0)
print(json.dumps({"exitCode": os.waitstatus_to_exitcode(status), "output": output.decode("utf-8", "replace"), "pendingSteps": len(steps)}))
