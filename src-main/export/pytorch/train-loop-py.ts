// The training part of the exported PyTorch script: LayerLab's metrics (per-output losses, tfjs's
// 'accuracy' rules), learning-rate schedules, best-epoch tracking and early stopping, gradient clipping,
// checkpoints, and LayerLab's engine protocol. Run by hand, the script prints readable lines and a RESULT
// line. With --events (LayerLab's PyTorch engine, src-main/training/pytorch/) it also writes one JSON
// object per line to stdout, each starting with EVENT_PREFIX, and reads "stop", "pause" and "resume"
// lines from stdin between batches. The maths follow the tfjs trainer (src-main/training/fit-loop.ts,
// early-stopping.ts, src-main/engine/schedules.ts) so both engines report the same quantities.

/** What starts an event line on the script's stdout (the rest of the line is JSON). */
export const EVENT_PREFIX = '@layerlab ';

/** The entry of checkpoint.npz that holds the epoch its weights are from (1-based, an int32 array of one value):
 *  the engine reads the file whenever it can, possibly epochs after the epoch's event, and labels what it shows
 *  with this, never with the event's number. Not a state_dict key: load_weights leaves it out. */
export const CHECKPOINT_EPOCH_KEY = '__layerlab_epoch__';

export const TRAIN_LOOP_PY = String.raw`# ---- metrics: LayerLab's (tfjs) definitions ----

def uses_accuracy():
    t = CONFIG["training"]
    return t["loss"].endswith("Crossentropy") and any(m in ("accuracy", "acc") for m in t["metrics"])


def accuracy_counts(pred, target):
    """(correct, counted) as tfjs's 'accuracy' metric picks it for one output: binary when the output has one
    unit or the loss is binary cross-entropy, sparse for integer labels, else categorical."""
    name = CONFIG["training"]["loss"]
    if pred.shape[-1] == 1 or name == "binaryCrossentropy":
        hits = (pred > 0.5).to(target.dtype) == target
        return int(hits.sum().item()), hits.numel()
    if name == "sparseCategoricalCrossentropy":
        hits = pred.argmax(-1).reshape(-1) == target.reshape(-1)
        return int(hits.sum().item()), hits.numel()
    hits = pred.argmax(-1) == target.argmax(-1)
    return int(hits.sum().item()), hits.numel()


class Sums:
    """Sample-weighted sums of the total loss and of each output's loss and accuracy counts."""

    def __init__(self, outputs):
        self.k = outputs
        self.values = [0.0] * (2 + 3 * outputs)  # samples, loss, losses..., correct..., counted...

    @staticmethod
    def of_batch(samples, losses, preds=None, targets=None):
        """One batch as a vector Sums.add takes: the losses weighted by the batch size, accuracy counts."""
        k = len(losses)
        v = [samples, sum(losses) * samples] + [l * samples for l in losses] + [0.0] * (2 * k)
        if preds is not None and uses_accuracy():
            for i, (p, t) in enumerate(zip(preds, targets)):
                v[2 + k + i], v[2 + 2 * k + i] = accuracy_counts(p, t)
        return v

    def add(self, vector):
        self.values = [a + b for a, b in zip(self.values, vector)]

    def all_reduce(self, device):
        """Sums over every DistributedDataParallel process, so each one sees the global figures."""
        import torch.distributed as dist
        t = torch.tensor(self.values, dtype=torch.float64, device=device)
        dist.all_reduce(t)
        self.values = t.tolist()

    def metrics(self):
        """{"loss", "losses": [per output], "acc": [per output, None without accuracy]}; empty sums give NaN."""
        v, k = self.values, self.k
        n = v[0] or float("nan")
        acc = [(v[2 + k + i] / v[2 + 2 * k + i]) if v[2 + 2 * k + i] else None for i in range(k)]
        return {"loss": v[1] / n, "losses": [v[2 + i] / n for i in range(k)], "acc": acc}


def headline(m, prefix=""):
    """The tfjs names a single-output model reports ('loss', 'acc'), for the schedule, early stopping and logs."""
    out = {prefix + "loss": m["loss"]}
    if len(m["acc"]) == 1 and m["acc"][0] is not None:
        out[prefix + "acc"] = m["acc"][0]
    return out


def evaluate(model, data, batch_size, device):
    """Sums over a split in eval mode (no dropout, BatchNorm moving statistics)."""
    xs, ys = data
    model.eval()
    sums = Sums(len(ys))
    with torch.no_grad():
        for start in range(0, len(xs[0]), batch_size):
            bx = [x[start:start + batch_size].to(device) for x in xs]
            by = [y[start:start + batch_size].to(device) for y in ys]
            preds = as_tuple(model(*bx))
            sums.add(Sums.of_batch(len(bx[0]), [loss_fn(p, t).item() for p, t in zip(preds, by)], preds, by))
    return sums


# ---- schedule, best epoch, early stopping, clipping: as LayerLab's trainer ----

class LrSchedule:
    """LayerLab's learning-rate schedules per 0-based epoch (src-main/engine/schedules.ts)."""

    def __init__(self, config, base_lr, epochs):
        self.c = config or {"type": "none"}
        self.base, self.epochs = base_lr, epochs
        self.plateau_lr, self.best, self.wait = base_lr, math.inf, 0

    def lr_for(self, epoch):
        c, kind = self.c, self.c["type"]
        if kind == "step":
            return self.base * c.get("gamma", 0.1) ** (epoch // c.get("stepEpochs", 10))
        if kind == "exponential":
            return self.base * c.get("gamma", 0.95) ** epoch
        if kind == "cosine":
            low = min(c.get("minLr", 0.0), self.base)
            return low + (self.base - low) * (1 + math.cos(math.pi * epoch / self.epochs)) / 2
        if kind == "plateau":
            return self.plateau_lr
        return self.base

    def observe(self, value):
        """Reduce-on-plateau bookkeeping after an epoch; returns a message when the rate went down."""
        if self.c["type"] != "plateau" or not math.isfinite(value):
            return None
        if not math.isfinite(self.best) or value < self.best - abs(self.best) * 1e-4:
            self.best, self.wait = value, 0
            return None
        self.wait += 1
        if self.wait <= self.c.get("patience", 5):
            return None
        self.wait = 0
        lower = max(self.c.get("minLr", 0.0), self.plateau_lr * self.c.get("factor", 0.1))
        if lower >= self.plateau_lr:
            return None
        before, self.plateau_lr = self.plateau_lr, lower
        return f"Learning rate reduced on plateau: {before:.3g} -> {lower:.3g}"


def resolve_monitor(requested, has_val, has_acc):
    """The metric to watch and a note when the requested one is not reported (as LayerLab's trainer)."""
    fallback = "val_loss" if has_val else "loss"
    if not requested:
        return fallback, None
    if requested.startswith("val_") and not has_val:
        return "loss", f"There is no validation split, so early stopping watches 'loss' instead of '{requested}'."
    if requested.endswith("acc") and not has_acc:
        return fallback, f"The model reports no accuracy, so early stopping watches '{fallback}' instead of '{requested}'."
    return requested, None


class BestTracker:
    """The best epoch by one metric (accuracies up, losses down) and the epochs since it improved."""

    def __init__(self, monitor, min_delta=0.0):
        self.monitor, self.min_delta = monitor, min_delta
        self.maximise = "acc" in monitor
        self.best, self.best_epoch, self.best_metrics, self.wait = math.nan, -1, None, 0

    def update(self, epoch, metrics):
        v = metrics.get(self.monitor)
        better = v is not None and math.isfinite(v) and (
            self.best_epoch < 0 or (v > self.best + self.min_delta if self.maximise else v < self.best - self.min_delta))
        if better:
            self.best, self.best_epoch, self.best_metrics, self.wait = v, epoch, metrics, 0
        else:
            self.wait += 1
        return better


def clip_gradients(params, clip):
    """Global L2 norm of the gradients before clipping (reported as grad_norm), then clipNorm / clipValue."""
    grads = [p.grad for p in params if p.grad is not None]
    if not grads:
        return 0.0
    norm = torch.norm(torch.stack([g.detach().norm() for g in grads])).item()
    if clip.get("clipNorm"):
        torch.nn.utils.clip_grad_norm_(params, clip["clipNorm"])
    if clip.get("clipValue"):
        torch.nn.utils.clip_grad_value_(params, clip["clipValue"])
    return norm


def save_weights_atomic(model, path, epoch=None):
    """Writes the state_dict as .npz under a temporary name, then renames it: a reader never sees half a file.
    With epoch (1-based), the file also says which epoch's weights it holds, under "${CHECKPOINT_EPOCH_KEY}"."""
    tmp = path + ".tmp"
    arrays = {k: v.detach().cpu().numpy() for k, v in model.state_dict().items()}
    if epoch is not None:
        arrays["${CHECKPOINT_EPOCH_KEY}"] = np.array([epoch], dtype=np.int32)
    with open(tmp, "wb") as f:
        np.savez(f, **arrays)
    os.replace(tmp, path)


# ---- LayerLab's engine protocol (--events) ----

def finite(x):
    """JSON has no NaN or Infinity: they travel as null."""
    if isinstance(x, float) and not math.isfinite(x):
        return None
    if isinstance(x, dict):
        return {k: finite(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [finite(v) for v in x]
    return x


class Events:
    """One JSON object per line on stdout after '${EVENT_PREFIX}' (rank 0 only); nothing without --events."""

    def __init__(self, enabled):
        self.enabled = enabled

    def __call__(self, event_type, **fields):
        if self.enabled:
            print("${EVENT_PREFIX}" + json.dumps(finite({"type": event_type, **fields})), flush=True)


RUN, PAUSE, STOP = 0, 1, 2


class Control:
    """Stop / pause / resume read from stdin lines by rank 0; every rank follows rank 0's state each batch, so
    DistributedDataParallel processes stop and pause together. When stdin closes (LayerLab went away)
    training stops after the current batch, as on "stop"."""

    def __init__(self, enabled, rank, world, device):
        self.enabled, self.rank, self.world = enabled, rank, world
        self.device = device if device.type == "cuda" else torch.device("cpu")
        self.state = RUN
        self.changed = threading.Event()
        if enabled and rank == 0:
            threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in sys.stdin:
            command = line.strip()
            if command == "stop":
                self.state = STOP
            elif command == "pause" and self.state != STOP:
                self.state = PAUSE
            elif command == "resume" and self.state != STOP:
                self.state = RUN
            self.changed.set()
        self.state = STOP  # stdin closed: whoever sent commands is gone; stop after this batch
        self.changed.set()

    def sync(self):
        if self.world == 1:
            return self.state
        import torch.distributed as dist
        t = torch.tensor([self.state], device=self.device)
        dist.broadcast(t, 0)
        return int(t.item())

    def wait_while_paused(self):
        """Blocks until resumed or stopped; the other ranks keep meeting rank 0 every half second."""
        state = PAUSE
        while state == PAUSE:
            if self.rank == 0:
                self.changed.wait(0.5)
                self.changed.clear()
            state = self.sync()
        return state


class Diverged(Exception):
    pass


def device_for(choice):
    if choice == "cuda" and not torch.cuda.is_available():
        raise SystemExit("--device cuda: torch sees no CUDA device here (torch.cuda.is_available() is False)")
    if choice == "cpu":
        return torch.device("cpu")
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


# ---- training ----

def train(args, rank, world, device, log, events):
    t = CONFIG["training"]
    control = Control(args.events, rank, world, device)
    torch.manual_seed(args.seed)  # the same initial weights on every rank
    splits = load_splits(args)
    model = LayerLabModel().to(device)
    if args.weights:
        load_weights(model, args.weights)
    params = count_params(model)
    log(f"parameters: {params} (LayerLab: {CONFIG['layerlab_params']})")
    train_model = model
    if args.ddp:
        from torch.nn.parallel import DistributedDataParallel
        train_model = DistributedDataParallel(model, device_ids=[device] if device.type == "cuda" else None)
    parameters = list(model.parameters())
    optimizer = make_optimizer(parameters, args.lr)
    schedule = LrSchedule(t.get("lr_schedule"), args.lr, args.epochs)
    clip = t.get("gradient_clip")
    stopping = t.get("early_stopping")

    xs, ys = splits["train"]
    n = len(xs[0])
    has_val = "val" in splits
    outputs = len(ys)
    monitor, note = resolve_monitor(stopping["monitor"] if stopping else None, has_val, outputs == 1 and uses_accuracy())
    if note:
        log(note)
        events("log", level="warn", message=note)
    tracker = BestTracker(monitor, stopping.get("minDelta", 0.0) if stopping else 0.0)
    restore_best = bool(stopping) and stopping.get("restoreBest", True)
    best_state = None  # the best epoch's weights, kept in memory when no checkpoint folder is given
    ckpt = args.checkpoint_dir if rank == 0 else None
    if ckpt:
        os.makedirs(ckpt, exist_ok=True)

    # Every rank takes the same number of batches (DistributedDataParallel meets at each one): with several
    # processes, each epoch leaves out the last n % world samples of its shuffled order.
    shard = n // world if world > 1 else n
    steps = math.ceil(shard / args.batch_size)
    total_steps = steps * args.epochs
    events("started", params=params, device=str(device), world=world, train=n, val=len(splits["val"][0][0]) if has_val else 0,
           batches_per_epoch=steps, torch=torch.__version__)
    loss_before = None
    if not args.events:
        before = evaluate(model, splits["train"], args.batch_size, device).metrics()
        loss_before = before["loss"]
        log(f"before training: loss {loss_before:.4f}" + (f" accuracy {before['acc'][0]:.4f}" if before["acc"][0] is not None else ""))

    generator = torch.Generator().manual_seed(args.seed)
    started = time.time()
    train_seconds = 0.0  # time in the batch loops only (pauses and evaluations excluded)
    history = []
    status, stop_reason, epochs_done, step_no, last_emit = "completed", None, 0, 0, -math.inf
    for epoch in range(args.epochs):
        lr = schedule.lr_for(epoch)
        for group in optimizer.param_groups:
            group["lr"] = lr
        train_model.train()
        order = torch.randperm(n, generator=generator)  # the same order on every rank ...
        order = order[rank:shard * world:world]          # ... each rank takes its own share
        epoch_sums, since, running, norm_sum = Sums(outputs), Sums(outputs), 0.0, 0.0
        epoch_seconds, epoch_samples = 0.0, 0
        for step in range(steps):
            # Everything a step costs counts as training time (the engine's control and events included), pauses not.
            t0 = time.perf_counter()
            if control.enabled:
                state = control.sync()
                if state == PAUSE:
                    events("paused")
                    state = control.wait_while_paused()
                    if state != STOP:
                        events("resumed")
                    t0 = time.perf_counter()
                if state == STOP:
                    status = "stopped"
                    break
            idx = order[step * args.batch_size:(step + 1) * args.batch_size]
            bx = [x[idx].to(device) for x in xs]
            by = [y[idx].to(device) for y in ys]
            preds = as_tuple(train_model(*bx))
            losses = [loss_fn(p, target) for p, target in zip(preds, by)]
            loss = sum(losses)
            optimizer.zero_grad()
            loss.backward()
            if clip:
                norm_sum += clip_gradients(parameters, clip)
            optimizer.step()
            value = loss.item()
            if not math.isfinite(value):
                raise Diverged(f"The loss became {value} at epoch {epoch + 1}, batch {step + 1}: training diverged")
            running += value
            epoch_samples += len(idx) * world
            step_no += 1
            if args.events:
                with torch.no_grad():
                    batch = Sums.of_batch(len(idx), [l.item() for l in losses] if outputs > 1 else [value], preds, by)
                epoch_sums.add(batch)
                since.add(batch)
                now = time.perf_counter()
                if step == steps - 1 or now - last_emit >= 0.1:
                    last_emit = now
                    spent = now - t0
                    events("batch", epoch=epoch, batch=step, step=step_no - 1, metrics=since.metrics(), progress=step_no / total_steps,
                           samples_per_sec=epoch_samples / (epoch_seconds + spent),
                           eta_sec=(train_seconds + spent) / step_no * (total_steps - step_no))
                    since = Sums(outputs)
            dt = time.perf_counter() - t0
            epoch_seconds += dt
            train_seconds += dt
        if status == "stopped":
            break

        t_eval = time.perf_counter()
        if args.events:
            if world > 1:
                epoch_sums.all_reduce(device)
            train_metrics = epoch_sums.metrics()  # the mean batch loss, as tfjs reports an epoch
        else:
            train_metrics = evaluate(model, splits["train"], args.batch_size, device).metrics()
        metrics = {**train_metrics, "lr": lr}
        if has_val:
            val = evaluate(model, splits["val"], args.batch_size, device).metrics()
            metrics.update(val_loss=val["loss"], val_losses=val["losses"], val_acc=val["acc"])
        if clip:
            metrics["grad_norm"] = norm_sum / steps
        named = {**headline(train_metrics), **(headline({"loss": metrics["val_loss"], "acc": metrics["val_acc"]}, "val_") if has_val else {})}
        if tracker.update(epoch, named):
            if ckpt:
                save_weights_atomic(model, os.path.join(ckpt, "best.npz"))
            elif restore_best:
                best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        if ckpt:
            save_weights_atomic(model, os.path.join(ckpt, "checkpoint.npz"), epoch + 1)
        epochs_done = epoch + 1
        seconds = epoch_seconds + time.perf_counter() - t_eval
        events("epoch", epoch=epoch, metrics=metrics, seconds=seconds, train_seconds=epoch_seconds)
        line = f"epoch {epoch + 1}/{args.epochs}: batch loss {running / max(steps, 1):.4f}, train loss {train_metrics['loss']:.4f}"
        if has_val:
            line += f", val loss {metrics['val_loss']:.4f}" + (f", val accuracy {named['val_acc']:.4f}" if "val_acc" in named else "")
        log(line)
        history.append({"epoch": epoch + 1, "loss": train_metrics["loss"], "accuracy": named.get("acc"),
                        "val_loss": named.get("val_loss"), "val_accuracy": named.get("val_acc"), "lr": lr, "seconds": epoch_seconds})
        reduced = schedule.observe(named.get("val_loss", named["loss"]) if has_val else named["loss"])
        if reduced:
            log(reduced)
            events("log", level="info", message=reduced)
        if stopping and tracker.best_epoch >= 0 and tracker.wait > 0 and tracker.wait >= stopping["patience"] and epoch < args.epochs - 1:
            stop_reason = (f"Early stopping after epoch {epoch + 1}: {monitor} did not improve for {tracker.wait} epoch"
                           f"{'' if tracker.wait == 1 else 's'} (best {tracker.best:.4f} at epoch {tracker.best_epoch + 1})"
                           + (f"; the weights of epoch {tracker.best_epoch + 1} were restored." if restore_best else "."))
            log(stop_reason)
            break
    # Training ended: with restoreBest the model ends on its best weights (as Keras and LayerLab's trainer).
    if restore_best and tracker.best_epoch >= 0 and (stop_reason or tracker.best_epoch != epochs_done - 1):
        if ckpt:
            load_weights(model, os.path.join(ckpt, "best.npz"))
        elif best_state is not None:
            model.load_state_dict(best_state)
        if not stop_reason:
            message = f"Restored the weights of epoch {tracker.best_epoch + 1} (best {monitor})."
            log(message)
            events("log", level="info", message=message)
    final = None
    if ckpt and epochs_done > 0:
        final = os.path.join(ckpt, "final.npz")
        save_weights_atomic(model, final)
    if args.save and rank == 0:
        save_weights(model, args.save)
        log(f"weights saved to {args.save}")
    best = tracker.best_epoch if tracker.best_epoch >= 0 else None
    events("end", status=status, epochs_done=epochs_done, stop_reason=stop_reason, best_epoch=best,
           final=final, best_weights=os.path.join(ckpt, "best.npz") if ckpt and best is not None else None, train_seconds=train_seconds)
    return {"params": params, "layerlab_params": CONFIG["layerlab_params"], "loss_before": loss_before, "history": history,
            "seconds": time.time() - started, "train_seconds": train_seconds, "world_size": world, "samples": n,
            "status": status, "epochs_done": epochs_done}
`;
