// Testing Library's findBy*/waitFor give up after 1 s by default; on the shared 2-core machines
// (load average 18-20 measured while the suite ran) a screen's first render alone can take longer.
// Waiting longer changes nothing when the element does appear in time; a missing one still fails.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
