import { ReferenceSchema1795468400000 } from './1795468400000-ReferenceSchema';
import { ReferenceData1795468500000 } from './1795468500000-ReferenceData';
import { UsersAndTokens1795470600000 } from './1795470600000-UsersAndTokens';
import { AuditTrail1795471000000 } from './1795471000000-AuditTrail';
import { AuditSeals1795471500000 } from './1795471500000-AuditSeals';
import { AuditCaptureSpeed1795472000000 } from './1795472000000-AuditCaptureSpeed';
import { AuditBaseline1795472100000 } from './1795472100000-AuditBaseline';
import { IdempotencyKeys1795472500000 } from './1795472500000-IdempotencyKeys';
import { Parks1795473000000 } from './1795473000000-Parks';
import { Investors1795473500000 } from './1795473500000-Investors';
import { Pairings1795474000000 } from './1795474000000-Pairings';
import { FxRates1795474500000 } from './1795474500000-FxRates';
import { Projects1795475000000 } from './1795475000000-Projects';
import { ProjectUsdAmounts1795475500000 } from './1795475500000-ProjectUsdAmounts';
import { SourceNotes1795476000000 } from './1795476000000-SourceNotes';
import { UsdNeedsNoRate1795476500000 } from './1795476500000-UsdNeedsNoRate';
import { UserChangeNotify1795477000000 } from './1795477000000-UserChangeNotify';
import { ConsoleSessions1795477500000 } from './1795477500000-ConsoleSessions';
import { ProjectDateOrder1795478500000 } from './1795478500000-ProjectDateOrder';
import { NoOpUpdatesKeepVersion1795478700000 } from './1795478700000-NoOpUpdatesKeepVersion';
import { LoginThrottle1795479000000 } from './1795479000000-LoginThrottle';
import { Documents1795480000000 } from './1795480000000-Documents';
import { Geography1795481000000 } from './1795481000000-Geography';
import { OpenDataPublisher1795482000000 } from './1795482000000-OpenDataPublisher';
import { OpenDataSnapshots1795483000000 } from './1795483000000-OpenDataSnapshots';
import { ReviewDesk1795479500000 } from './1795479500000-ReviewDesk';

/**
 * Every migration, oldest first. Listed explicitly (not globbed) so compiled code, ts-jest and
 * the CLI all see the same set; a unit test fails when a migration file is missing here.
 */
export const MIGRATIONS = [
  ReferenceSchema1795468400000,
  ReferenceData1795468500000,
  UsersAndTokens1795470600000,
  AuditTrail1795471000000,
  AuditSeals1795471500000,
  AuditCaptureSpeed1795472000000,
  AuditBaseline1795472100000,
  IdempotencyKeys1795472500000,
  Parks1795473000000,
  Investors1795473500000,
  Pairings1795474000000,
  FxRates1795474500000,
  Projects1795475000000,
  ProjectUsdAmounts1795475500000,
  SourceNotes1795476000000,
  UsdNeedsNoRate1795476500000,
  UserChangeNotify1795477000000,
  ConsoleSessions1795477500000,
  ProjectDateOrder1795478500000,
  NoOpUpdatesKeepVersion1795478700000,
  LoginThrottle1795479000000,
  ReviewDesk1795479500000,
  Documents1795480000000,
  Geography1795481000000,
  OpenDataPublisher1795482000000,
  OpenDataSnapshots1795483000000,
];
