# Variants of the model-judged σ (issue 17), evaluated from the committed dumps only; see README.md here.
# (a) judge only when the statistical reading is >= T; below T keep the statistical reading as is.
# (b) judge only when the scale ratio rho says texture: rho is not in any dump (columns: image, measured, c<σ>, psnr<σ>),
#     so (b) cannot be evaluated from them; it would need new `noise check` runs.
# T is chosen on the fit dumps only (fit2.py's objective); the chosen rule is then scored once on the held-out dumps
# (PSNR read off the grid curves, interpolated in log(1 + σ) as fit.py does) and on the held-out reports' real runs.
import sys
_src=open('fit2.py').read()  # fit2's body without its main (fit2 itself execs fit.py without fit.py's main)
exec(_src[:_src.rindex("if __name__")])
MODE,A,B=('max48',0.29,0.33)  # the judge as shipped (fit2.py's choice on the same fit sets)
TS=[x/2 for x in range(0,41)]  # 0 = judge always (the shipped rule) ... 20 = never judge on these sets
def pickA(r,T,mode=MODE,a=A,b=B):
    m=told(r['m'])
    return ramp(r,mode,a,b) if m>=T else m
def best_T(rows):
    sc=[(score(rows, lambda r: pickA(r,T))[0],T) for T in TS]
    lo=min(s for s,_ in sc)
    tied=[T for s,T in sc if s<=lo+1e-9]
    return sc,tied,tied[len(tied)//2]  # tie-break fixed in advance: the middle of the tied T values
def table(noisy, clean, pick):
    gaps=[max(r['pv'])-psnr(r,pick(r)) for r in noisy]
    ps=[psnr(r,pick(r)) for r in noisy]; cp=[psnr(r,pick(r)) for r in clean]
    return dict(within=sum(g<=0.3 for g in gaps), n=len(gaps), gap=sum(gaps)/len(gaps), worst=max(gaps),
                dev_psnr=sum(ps)/len(ps), clean45=sum(p>=45 for p in cp), nclean=len(cp), clean_psnr=sum(cp)/len(cp))
def report(path):
    rows=[]
    for l in open(path):
        if l.startswith('#') or l.startswith('image'): continue
        f=l.rstrip('\n').split('\t')
        rows.append(dict(name=f[0],best=float(f[2]),ss=float(f[3]),sp=float(f[4]),js=float(f[5]),jp=float(f[6])))
    return rows
def real(rows,T,clean):
    # a real run exists for both readings; variant (a) takes the judged one only where the statistical reading >= T
    ps=[r['jp'] if r['ss']>=T else r['sp'] for r in rows]
    if clean: return sum(p>=45 for p in ps), sum(ps)/len(ps)
    gaps=[r['best']-p for r,p in zip(rows,ps)]
    return sum(g<=0.3 for g in gaps), sum(gaps)/len(gaps), max(gaps), sum(ps)/len(ps)
def show(tag,t):
    print(f"{tag}: dev within 0.3 dB {t['within']}/{t['n']}, mean gap {t['gap']:.3f}, worst {t['worst']:.2f}, "
          f"dev mean {t['dev_psnr']:.2f}; clean >= 45 dB {t['clean45']}/{t['nclean']}, clean mean {t['clean_psnr']:.2f}")
if __name__=='__main__':
    fn=load('base-fit-noisy.tsv.judge.tsv',False); fc=load('base-fit-clean.tsv.judge.tsv',True)
    print('fit readings, noisy:',sorted(round(r['m'],1) for r in fn))
    print('fit readings, clean:',sorted(round(r['m'],1) for r in fc))
    sc,tied,T=best_T(fn+fc)
    for s,t in sc: print(f'fit T {t:4.1f} objective {s:.3f}', score(fn+fc, lambda r: pickA(r,t))[1:])
    print('tied best T', tied, '-> chosen T', T)
    # joint search of the judge's ramp with T, for information only (not the chosen rule)
    joint=sorted(((score(fn+fc, lambda r: pickA(r,t,md,a,b))[0],t,str(md),a,b) for t in TS[::2] for md in ['max48',4,8]
                 for a in [x/100 for x in range(24,38,1)] for b in [a,a+0.02,a+0.04,a+0.08]), key=lambda j: j[0])
    print('joint best (info only):', [tuple(round(v,3) if isinstance(v,float) else v for v in j) for j in joint[:5]])
    print('fit, chosen T:'); show('  statistical', table(fn,fc,lambda r: told(r['m'])))
    show('  judged always', table(fn,fc,lambda r: pickA(r,0))); show(f'  (a) T={T}', table(fn,fc,lambda r: pickA(r,T)))
    # held out, once
    hn=load('keep-dev-set5.judge.tsv',False)+load('keep-dev-set14.judge.tsv',False)+load('base-dev-cbsd68.tsv.judge.tsv',False)
    hc=load('keep-clean-cbsd68.judge.tsv',True)+load('base-clean-set14.tsv.judge.tsv',True)
    print('held out, from the dumps (PSNR interpolated on the grid curves, not real runs):')
    show('  statistical', table(hn,hc,lambda r: told(r['m'])))
    show('  judged always', table(hn,hc,lambda r: pickA(r,0))); show(f'  (a) T={T}', table(hn,hc,lambda r: pickA(r,T)))
    # T=10 is the README's own suggestion, written after the held-out failures were seen (they read <= 8): not a clean
    # held-out figure, shown because the lead asked whether a high threshold is worth wiring; on the fit sets it scores
    # as the line 'fit T 10.0' above.
    show('  (a) T=10, held-out-informed', table(hn,hc,lambda r: pickA(r,10)))
    for r in hn+hc:
        if told(r['m'])>=T and abs(pickA(r,T)-told(r['m']))>0.05:
            print(f"    judged: {r['name']} {r['m']:.2f} -> {pickA(r,T):.2f}")
    print('held out, real runs from the reports (both readings were run; (a) picks one per image):')
    dev=report('base-dev-set5.tsv')+report('base-dev-set14.tsv')+report('base-dev-cbsd68.tsv')
    cl=report('base-clean-cbsd68.tsv')+report('base-clean-set14.tsv')
    for tag,t in [('statistical',1e9),('judged always',0),(f'(a) T={T}',T),('(a) T=10, held-out-informed',10)]:
        w,g,wo,p=real(dev,t,False); c,cp=real(cl,t,True)
        cc=real(report('judged-cc15.tsv'),t,True)[1]; sd=real(report('judged-sidd.tsv'),t,True)[1]
        print(f'  {tag}: dev within 0.3 dB {w}/{len(dev)}, mean gap {g:.3f}, worst {wo:.2f}, dev mean {p:.2f}; '
              f'clean >= 45 dB {c}/{len(cl)}, clean mean {cp:.2f}; CC15 {cc:.2f}; SIDD {sd:.2f}')
