import sys
exec(open('fit.py').read().replace("if __name__=='__main__':",'if False:'))
def R(r,m,mode):
    if mode=='max48': return max(feat(r,min(m,4),2),feat(r,min(m,8),2))
    return feat(r,min(m,mode),2)
def ramp(r,mode,a,b):
    m=told(r['m'])
    if m==0: return 0
    w=min(max((R(r,m,mode)-a)/(b-a),0),1) if b>a else float(R(r,m,mode)>=a)
    s=m*w
    return 0 if s<1 else s
def fitramp(rows):
    out=[]
    for mode in [4,6,8,'max48']:
        for a in [x/100 for x in range(20,40)]:
            for b in [a]+[a+x/100 for x in range(2,20,2)]:
                out.append((score(rows, lambda r: ramp(r,mode,a,b)),mode,a,b))
    out.sort(key=lambda o:o[0][0])
    return out
if __name__=='__main__':
    fitrows=load('base-fit-noisy.tsv.judge.tsv',False)+load(sys.argv[1],True)
    print('stat fit', score(fitrows, lambda r: told(r['m'])))
    out=fitramp(fitrows)
    for o in out[:10]: print(o)
    held=[]
    for a in sys.argv[2:]:
        p,k=a.split(':'); held+=load(p,k=='clean')
    if held:
        print('held stat', score(held, lambda r: told(r['m'])))
        for o in out[:5]: print('held',o[1:],score(held, lambda r: ramp(r,o[1],o[2],o[3])))
