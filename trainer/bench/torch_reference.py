#!/usr/bin/python3
"""Same nets, same step, in Debian's python3-torch: the reference for TorchSharp's overhead ratio.

Mirrors trainer/AePaint.Trainer/Nets (DenoiseUNet, SrNet, presets) layer for layer and times forward + backward +
AdamW exactly like `aepaint-train bench`. Run with Debian's interpreter:
    /usr/bin/python3 trainer/bench/torch_reference.py --threads 2 --batch 8 --patch 64 --steps 10
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

DENOISE = {"tiny": ([16, 32, 64, 64], 1), "small": ([32, 64, 128, 128], 1), "base": ([48, 96, 192, 192], 2)}
SR = {"tiny": ([32], 2), "small": ([48], 4), "base": ([64], 6)}


class ResBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1)

    def forward(self, x):
        return x + self.conv2(F.relu(self.conv1(x)))


def stack(c, n):
    return nn.Sequential(*[ResBlock(c) for _ in range(n)])


class DenoiseUNet(nn.Module):
    def __init__(self, channels, blocks):
        super().__init__()
        levels = len(channels) - 1
        self.head = nn.Conv2d(4, channels[0], 3, padding=1)
        self.enc = nn.ModuleList([stack(channels[l], blocks) for l in range(levels)])
        self.down = nn.ModuleList([nn.Conv2d(channels[l], channels[l + 1], 2, stride=2) for l in range(levels)])
        self.up = nn.ModuleList([nn.Conv2d(channels[l + 1], channels[l] * 4, 1) for l in range(levels)])
        self.dec = nn.ModuleList([stack(channels[l], blocks) for l in range(levels)])
        self.body = stack(channels[levels], blocks)
        self.tail = nn.Conv2d(channels[0], 3, 3, padding=1)

    def forward(self, x):
        rgb = x[:, :3]
        h = self.head(x)
        skips = []
        for enc, down in zip(self.enc, self.down):
            s = enc(h)
            skips.append(s)
            h = down(s)
        h = self.body(h)
        for l in reversed(range(len(self.enc))):
            h = self.dec[l](F.pixel_shuffle(self.up[l](h), 2) + skips[l])
        return rgb + self.tail(h)


class SrNet(nn.Module):
    def __init__(self, channels, blocks, scale):
        super().__init__()
        c = channels[0]
        self.scale = scale
        self.head = nn.Conv2d(3, c, 3, padding=1)
        self.body = stack(c, blocks)
        self.body_tail = nn.Conv2d(c, c, 3, padding=1)
        self.to_sub = nn.Conv2d(c, 3 * scale * scale, 3, padding=1)

    def forward(self, x):
        f = self.head(x)
        h = self.body_tail(self.body(f)) + f
        sub = self.to_sub(h) + x.repeat_interleave(self.scale * self.scale, dim=1)
        return F.pixel_shuffle(sub, self.scale)


def time_steps(net, cin, scale, batch, patch, steps):
    opt = torch.optim.AdamW(net.parameters(), lr=1e-4)
    x = torch.rand(batch, cin, patch, patch)
    y = torch.rand(batch, 3, patch * scale, patch * scale)
    for i in range(steps + 3):
        if i == 3:
            start = time.perf_counter()
        opt.zero_grad()
        loss = (net(x) - y).abs().mean()
        loss.backward()
        opt.step()
    return (time.perf_counter() - start) * 1000 / steps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--patch", type=int, default=64)
    ap.add_argument("--steps", type=int, default=10)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads; batch {a.batch}, input patch {a.patch}, {a.steps} timed steps")
    print("| net | params | ms/step | samples/s |")
    print("|---|---:|---:|---:|")
    for name, (ch, b) in DENOISE.items():
        net = DenoiseUNet(ch, b)
        ms = time_steps(net, 4, 1, a.batch, a.patch, a.steps)
        print(f"| aepaint-unet-{name} ×1 | {sum(p.numel() for p in net.parameters()):,} | {ms:.0f} | {a.batch * 1000 / ms:.1f} |")
    for name, (ch, b) in SR.items():
        net = SrNet(ch, b, 2)
        ms = time_steps(net, 3, 2, a.batch, a.patch, a.steps)
        print(f"| aepaint-srres-{name} ×2 | {sum(p.numel() for p in net.parameters()):,} | {ms:.0f} | {a.batch * 1000 / ms:.1f} |")


if __name__ == "__main__":
    main()
