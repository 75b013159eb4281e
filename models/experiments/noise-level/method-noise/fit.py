import sys, math, itertools
def load(path, clean):
    rows=[]
    lines=open(path).read().strip().split('\n')
    hdr=lines[0].split('\t')
    cs=[float(h[1:]) for h in hdr if h.startswith('c')]
    ps=[float(h[4:]) for h in hdr if h.startswith('psnr')]
    for l in lines[1:]:
        f=l.split('\t'); m=float(f[1])
        st=[tuple(map(float,x.split('/'))) for x in f[2:2+len(cs)]]
        pv=list(map(float,f[2+len(cs):]))
        rows.append(dict(name=f[0],m=m,cs=cs,st=st,ps=ps,pv=pv,clean=clean))
    return rows
def interp(xs, ys, x):
    lx=[math.log1p(v) for v in xs]; t=math.log1p(x)
    if t<=lx[0]: return ys[0]
    if t>=lx[-1]: return ys[-1]
    for i in range(len(lx)-1):
        if lx[i]<=t<=lx[i+1]:
            a=(t-lx[i])/(lx[i+1]-lx[i]); return ys[i]*(1-a)+ys[i+1]*a
def told(m): return 0.0 if m<1 else m
def psnr(r, s): return interp(r['ps'], r['pv'], s)
def feat(r, s, k):
    # k: 0 signed, 1 energy, 2 rms/σ
    if k==2: ys=[st[2]/c for st,c in zip(r['st'],r['cs'])]
    else: ys=[st[k] for st in r['st']]
    return interp(r['cs'], ys, s)
LADDER=[1,0.7,0.5,0.35,0.25]
def rule(r, k, tau, sign):
    m=told(r['m'])
    if m==0: return 0
    for f in LADDER:
        s=m*f
        if s<1: return 0
        v=feat(r,s,k)
        if (v<=tau if sign>0 else v>=tau): return s
    return 0
def score(rows, pick):
    gaps=[];bad=0;cl=0;ncl=0
    for r in rows:
        s=pick(r); p=psnr(r,s)
        if r['clean']:
            ncl+=1; cl+= p<45
        else:
            g=max(r['pv'])-p; gaps.append(g); bad+= g>0.3
    mg=sum(gaps)/max(len(gaps),1)
    return mg + bad/max(len(gaps),1) + cl/max(ncl,1), mg, bad, len(gaps), ncl-cl, ncl
if __name__=='__main__':
    rows=[]
    for a in sys.argv[1:]:
        path,kind=a.split(':'); rows+=load(path, kind=='clean')
    print('statistical', score(rows, lambda r: told(r['m'])))
    for k,sign,taus in [(0,1,[x/100 for x in range(0,60,2)]),(1,1,[x/100 for x in range(0,60,2)]),(2,-1,[x/100 for x in range(0,120,4)])]:
        best=min((score(rows, lambda r: rule(r,k,t,sign)),t) for t in taus)
        print('feature',k,'best tau',best[1],best[0])

def ruleB(r, P, tau):
    m=told(r['m'])
    if m==0: return 0
    p=min(m,P)
    return m if feat(r,p,2)>=tau else 0
def runB(rows):
    out=[]
    for P in [3,4,5,6,8]:
        for tau in [x/100 for x in range(20,60,1)]:
            out.append((score(rows, lambda r: ruleB(r,P,tau)),P,tau))
    out.sort()
    for o in out[:8]: print('ruleB P',o[1],'tau',o[2],o[0])
