import json,sys,glob,statistics as st
# usage: summ.py TAG  — dev protocol (auto vs best fixed sigma per image), CC15, SIDD, CBSD68, clean JPEGs
tag=sys.argv[1]
def methods(f):
    d=json.load(open(f)); return d['conditions']
allimg=[]
for s in ['set5','set14','cbsd68']:
    f=f'runs/m/{tag}-dev-{s}.json'
    try: c=methods(f)
    except Exception as e: print(s,'missing'); continue
    ms=c[0]['methods']
    auto=[m for m in ms if m['kind']=='model' and 'auto' in m['settings']][0]
    fixed=[m for m in ms if m['kind']=='model' and m is not auto]
    rows=[]
    for i,im in enumerate(auto['images']):
        best=max(m['images'][i]['psnr'] for m in fixed)
        rows.append((im['image'],im['psnr'],best,im['sigmaIn']))
    allimg+=rows
    gaps=[b-a for _,a,b,_ in rows]
    print(f"dev {s}: n {len(rows)} auto {st.mean(a for _,a,_,_ in rows):.3f} bestfixed {st.mean(b for _,_,b,_ in rows):.3f} gap {st.mean(gaps):.3f} within0.3 {sum(g<=0.3 for g in gaps)}")
if allimg:
    gaps=[b-a for _,a,b,_ in allimg]
    print(f"dev all: n {len(allimg)} auto {st.mean(a for _,a,_,_ in allimg):.3f} bestfixed {st.mean(b for _,_,b,_ in allimg):.3f} gap {st.mean(gaps):.3f} worst {max(gaps):.2f} within0.3 {sum(g<=0.3 for g in gaps)}")
for s in ['cc15','sidd']:
    try:
        c=methods(f'runs/m/{tag}-{s}.json')
        for m in c[0]['methods']:
            if m['kind']=='model': print(s, m['name'], round(m['meanPsnr'],3))
    except Exception as e: print(s,'missing')
try:
    for c in methods(f'runs/m/{tag}-cbsd68.json'):
        for m in c['methods']:
            if m['kind']=='model': print('cbsd68',c['name'], round(m['meanPsnr'],3))
except Exception as e: print('cbsd68 missing',e)
for s in ['cbsd68','set14']:
    try:
        L=[l.split('\t') for l in open(f'runs/m/{tag}-clean-{s}.tsv') if not l.startswith('#') and not l.startswith('image')]
        p=[float(x[4]) for x in L]
        print(f"clean {s}: n {len(p)} >=45 {sum(x>=45 for x in p)} mean {st.mean(p):.2f}")
    except Exception as e: print('clean',s,'missing')
